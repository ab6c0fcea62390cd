package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ProgramVersion;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The program changes of a crash loop run and the phases they make. Purchases before the first change
 * are dated from {@link #T0}; each change is in force from a time after every purchase sent so far,
 * and the purchases after it are dated from there. A change is sent while no purchase is unanswered,
 * and no purchase follows until it is answered ({@link #inDoubt}), so every purchase is judged by the
 * version the client expects.
 */
final class ProgramChanges {
    static final long T0 = 1_790_000_000_000L;
    /** The first change's effective time; each later one 30 days on. */
    private static final long FIRST_CHANGE = 2_000_000_000_000L;
    private static final long DAY = 86_400_000L;

    /** Purchases from {@code fromMillis} earn {@code pointsPerEuro}, by program {@code version}. */
    record Phase(long pointsPerEuro, long fromMillis, long version) {
    }

    private final EngineProcess engine;
    private final List<Phase> phases = new CopyOnWriteArrayList<>(List.of(new Phase(1, T0, 1)));
    private final List<ProgramVersion> applied = new CopyOnWriteArrayList<>();
    /** The program change sent and not yet answered, or null. */
    private volatile ApplyProgramRequest changeInDoubt;

    ProgramChanges(EngineProcess engine) {
        this.engine = engine;
    }

    /**
     * Sends the next program change: k+1 points per euro, in force 30 days after the previous
     * change (after every purchase sent so far). The next start's program file is the new program,
     * so the engine does not take the file for a change of its own.
     */
    void send(ProgramsGrpcClient programs) {
        int k = applied.size() + 1;
        Program.Builder program = TestPrograms.baseOnly().setName("Crash program " + (k + 1) + " per euro");
        program.setBaseEarn(0, TestPrograms.rate("EUR", k + 1, 100));
        ApplyProgramRequest request = ApplyProgramRequest.newBuilder().setEventId("crash-program-" + k)
                .setProgram(program).setEffectiveFrom(Timestamp.newBuilder()
                        .setSeconds((FIRST_CHANGE + (k - 1) * 30 * DAY) / 1000)).build();
        engine.programFile(program.build());
        changeInDoubt = request;
        programs.applyProgram(request).onSuccess(this::changed);
    }

    /** After a restart: the change whose answer was lost, if any, sent again with its event id. */
    void retryInDoubt(ProgramsGrpcClient programs, LedgerAudit.Caller caller) throws Exception {
        if (changeInDoubt != null) {
            changed(caller.call(programs.applyProgram(changeInDoubt)));
        }
    }

    /** Idempotent: a late answer and the retry's may both arrive. */
    private synchronized void changed(ProgramVersion version) {
        if (applied.stream().anyMatch(v -> v.getVersion() == version.getVersion())) {
            return;
        }
        applied.add(version);
        long rate = version.getProgram().getBaseEarn(0).getPoints();
        phases.add(new Phase(rate, version.getEffectiveFrom().getSeconds() * 1000, version.getVersion()));
        changeInDoubt = null;
    }

    /** Whether a change is sent and not answered: no purchase is sent meanwhile. */
    boolean inDoubt() {
        return changeInDoubt != null;
    }

    /** The phase purchases are sent in now: the latest change acknowledged. */
    Phase current() {
        return phases.get(phases.size() - 1);
    }

    /** The changes acknowledged, in order. */
    List<ProgramVersion> applied() {
        return applied;
    }

    long versionOfRate(long pointsPerEuro) {
        return phases.stream().filter(p -> p.pointsPerEuro() == pointsPerEuro).findFirst().orElseThrow().version();
    }
}
