package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.StateDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exactly once under SIGKILL. Each cycle drives purchases (with and without lines), returns of
 * acknowledged purchases (whole, or some units of some lines), redemptions (about one in 8 commands,
 * of a small amount from a member the model thinks has points, sometimes more than it has, to be
 * refused), two-step redemptions (about one in 10 commands: a hold of 3600 s dated now, on a member
 * with points and no hold, redemption or return unanswered; later a capture of all or part of it, or
 * a void; once the hold is acknowledged its member gets returns and redemptions like any other, a
 * return may leave it in debt beside the held points, and the capture must still redeem what it asks
 * and a void pay the debt: see {@link ExpectedHolds}), enrolments (one in 25
 * commands; enrolled members join the workload), admin commands (about one in 6: see
 * {@link AdminWorkload}: adjustments, merges, identity links, suspensions; commands then name a merged
 * member's id or card, to land on the survivor) and, in two cycles, a program change ({@link CycleWorkload})
 * at the engine (a separate process), kills it at a random moment, restarts it, and retries every
 * command whose answer was lost, plus a sample of acknowledged ones. Then every acknowledged command
 * must be applied exactly once, every retried one exactly once; balances, receipts and each member's
 * history must match the {@link ExpectedLedger} built from the answers, members and the audit log the
 * {@link ExpectedMembers}, and the program versions must be listed once each ({@link CycleAudit}).
 *
 * <p>Times: see {@link ProgramChanges}; every purchase is judged by the version the client expects.
 *
 * <p>Seeded: {@code -Daccrue.crashloop.seed=N} replays a run; {@code -Daccrue.crashloop.cycles=N}
 * runs more cycles (default 10).
 */
class CrashLoopTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private EngineProcess engine;

    private final ExpectedMembers model = new ExpectedMembers();
    private final ExpectedLedger ledger = new ExpectedLedger(model);
    private final AdminCommands adminCommands = new AdminCommands();
    private final AdminWorkload admin = new AdminWorkload(ledger, model, adminCommands);
    private final Enrolments enrolments = new Enrolments(model);
    private final CustomerCommands customerCommands = new CustomerCommands(ledger, enrolments, this::call);

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null && engine.alive()) {
            engine.kill();
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    // Restarts dominate: about 60 s for the default 10 cycles on a quiet machine, several times that on
    // a busy one or for a longer run; every call is bounded on its own, so a hang still fails.
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcknowledgedCommandSurvivesSigkillExactlyOnce() throws Exception {
        long seed = Long.getLong("accrue.crashloop.seed", System.nanoTime());
        int cycles = Integer.getInteger("accrue.crashloop.cycles", 10);
        System.out.println("CrashLoopTest seed=" + seed + " cycles=" + cycles
                + " (replay with -Daccrue.crashloop.seed=" + seed + ")");
        Random random = new Random(seed);
        vertx = Vertx.vertx();
        engine = new EngineProcess(dir.resolve("data"), dir.resolve("engine.log"));
        engine.start();
        EngineClients clients = connect();
        enrolments.enrolFirst(clients, this::call);
        ProgramChanges programs = new ProgramChanges(engine);
        CycleWorkload workload = new CycleWorkload(ledger, model, admin, customerCommands, programs);
        CycleAudit audit = new CycleAudit(this::call, seed, ledger, model, adminCommands, programs);
        List<Integer> changeCycles = List.of(Math.max(2, cycles * 3 / 10), Math.max(3, cycles * 7 / 10));
        int next = 0;
        long auditMillis = 0;

        for (int cycle = 1; cycle <= cycles; cycle++) {
            boolean change = changeCycles.contains(cycle) && programs.applied().size() < changeCycles.size();
            // A change cycle is sometimes cut short, so that the change itself is left in doubt.
            long killAfterMillis = change && random.nextBoolean() ? random.nextInt(30) : 50 + random.nextInt(600);
            int firstOfCycle = next;
            enrolments.joinWorkload();
            next = workload.drive(clients.programs(), random, next, killAfterMillis, change);
            engine.kill();
            String changeState = !change ? "" : programs.inDoubt() ? ", program change in doubt" : ", program changed";
            long restarting = System.nanoTime();
            // Both ways of checkpointing (copies in memory or not) get crashed into, every other cycle each.
            engine.copyInMemory(cycle % 2 == 0);
            engine.start();
            clients = connect();
            String recovered = engine.lastLogLine("recovered");
            System.out.printf("cycle %d: sent %d, in doubt %d, killed after %d ms%s; restarted in %d ms (%s)%n",
                    cycle, next - firstOfCycle, customerCommands.inDoubt() + adminCommands.inDoubt(), killAfterMillis,
                    changeState, (System.nanoTime() - restarting) / 1_000_000,
                    recovered.substring(recovered.indexOf("recovered")));
            // An answer lost in the crash: the command was applied fully or not at all, and the
            // retry with the same event id has exactly one effect either way.
            programs.retryInDoubt(clients.programs(), this::call);
            customerCommands.retryInDoubt();
            enrolments.assertEachMadeOneMember(clients, this::call, seed);
            long auditing = System.nanoTime();
            adminCommands.retryInDoubt(seed);
            audit.afterRestart(clients, random, cycle);
            auditMillis += (System.nanoTime() - auditing) / 1_000_000;
        }
        assertEquals(changeCycles.size(), programs.applied().size(), "program changes applied, seed " + seed);
        printSummary(audit, auditMillis);

        StateDigest before = call(clients.diagnostics().getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        engine.kill();
        engine.start();
        clients = connect();
        StateDigest rebuilt = call(clients.diagnostics().getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        assertEquals(before.getDigest(), rebuilt.getDigest(), "a rebuild from the journal gives the same state");
    }

    /** What the run exercised, so a run that passes by doing little shows it. */
    private void printSummary(CycleAudit audit, long auditMillis) {
        System.out.printf("acknowledged %d purchases, %d returns (%d by line), %d redemptions (%d refused), "
                        + "%d captures, %d voids, %d holds open; holds %s; %d program versions; admin %s; %d members live, "
                        + "%d commands named a merged member; retries and audits took %d ms%n",
                ledger.purchases().size(), ledger.returns().size(),
                ledger.returns().stream().filter(r -> r.request().getLinesCount() > 0).count(),
                ledger.redemptions().size(), ledger.refused(), ledger.captures().size(), ledger.voids(),
                ledger.holds().size(), ledger.summary(), audit.versionsListed(), adminCommands.summary(),
                model.live().size(), model.aliased(), auditMillis);
    }

    /** Connects to the engine's current incarnation, and points the command senders at it. */
    private EngineClients connect() throws Exception {
        EngineClients clients = EngineClients.connect(vertx, engine);
        adminCommands.connect(clients.adminStubs());
        customerCommands.connect(clients);
        return clients;
    }

    <T> T call(Future<T> future) throws Exception {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call failed: " + e + "\nengine log:\n" + engine.logTail(), e);
        }
    }
}
