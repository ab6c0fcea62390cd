package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;

import java.util.ArrayDeque;
import java.util.Deque;

import static dev.accrue.engine.pipeline.ModelProgram.local;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whether the engine and {@link ReferenceLoyalty} agree, as {@link RulesModelTest} asks after each
 * command and each step: a reply's balance, every stored member, and after a refused command that
 * nothing changed. A disagreement fails the run with its seed and the last steps taken.
 */
final class ModelAgreement {
    private final long seed;
    private final ProcessorDriver engine;
    private final ReferenceLoyalty model;
    private final Deque<String> recentSteps = new ArrayDeque<>();

    ModelAgreement(long seed, ProcessorDriver engine, ReferenceLoyalty model) {
        this.seed = seed;
        this.engine = engine;
        this.model = model;
    }

    /** Remembers what step {@code step} did, for the failure message; the last 12 are kept. */
    void log(int step, String what) {
        if (recentSteps.size() == 12) {
            recentSteps.removeFirst();
        }
        recentSteps.addLast(step + ": " + what + " (clock " + local(model.clock()) + ")");
    }

    void check(int step, boolean agrees, String what) {
        if (!agrees) {
            disagree(step, what);
        }
    }

    void disagree(int step, String what) {
        fail("seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + "), step " + step + ": " + what
                + "\nrecent steps:\n  " + String.join("\n  ", recentSteps));
    }

    void compareReply(int step, CommandSlot slot, long member) {
        compareReply(step, slot, member, model.member(member));
    }

    /** The reply's balance against the model member {@code m} (which may be a copy settled for a read). */
    void compareReply(int step, CommandSlot slot, long member, ModelMember m) {
        ComparedMember.Balance expected = ComparedMember.Balance.reply(m, model.asOf(m), model.debtAsNegativeBalance());
        ComparedMember.Balance actual = ComparedMember.Balance.of(slot);
        if (!expected.equals(actual)) {
            disagree(step, "reply for member " + member + ": expected " + expected + ", engine " + actual);
        }
    }

    void compareEveryMember(int step) {
        MemberRecord stored = new MemberRecord();
        for (long id = 1; id <= model.memberCount(); id++) {
            if (!engine.state().members().read(id, stored)) {
                disagree(step, "member " + id + " is not stored");
            }
            ModelMember m = model.member(id);
            ComparedMember expected = ComparedMember.of(m, model.asOf(m), stored.qualifyingMonth);
            ComparedMember actual = ComparedMember.of(stored);
            if (!expected.equals(actual)) {
                disagree(step, "stored member " + id + ":\n  expected " + expected + "\n  engine   " + actual);
            }
        }
    }

    /**
     * After a refused command: the member's stored record and the movement log are as before. Not
     * asked when the member had a hold past its time to live, which the command's settlement closes.
     */
    void unchanged(int step, long member, String before, long movements, String what) {
        String after = ComparedMember.whole(engine.stored(member));
        check(step, after.equals(before),
                "a refused " + what + " changed the member:\n  before " + before + "\n  after  " + after);
        check(step, engine.state().movements().length() == movements, "a refused " + what + " recorded a movement");
    }
}
