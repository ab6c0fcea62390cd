package dev.accrue.bench.seed;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The replies to seeding commands, counted on the business-logic thread. Seeding stops at the
 * first refusal: a directory with some members missing would not be the one asked for.
 */
final class Outcomes implements ReplyTarget {
    private volatile long answered;
    private volatile String refusal;

    @Override
    public void complete(CommandSlot slot) {
        if (slot.result != ResultCode.OK && refusal == null) {
            refusal = slot.type + " " + slot.eventId + ": " + slot.result;
        }
        answered++; // one writer: the business-logic thread
    }

    /** Waits until {@code count} commands in all have been answered, each with OK. */
    void await(long count, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (answered < count && refusal == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(answered + " of " + count + " commands answered in " + timeoutSeconds + " s");
            }
            LockSupport.parkNanos(1_000_000);
        }
        if (refusal != null) {
            throw new IllegalStateException("seeding refused: " + refusal);
        }
    }
}
