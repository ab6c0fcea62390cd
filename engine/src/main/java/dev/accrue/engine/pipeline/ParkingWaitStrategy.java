package dev.accrue.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wait strategy for machines with few cores, where a spinning thread takes its core from the
 * event loops that feed the ring, and a sleeping one costs a wake-up per command.
 *
 * <ol>
 *   <li>Spin for a few microseconds, then {@code Thread.yield()} for up to {@value #YIELD_MICROS} µs:
 *       under load the next command arrives in this window, so neither the stage nor the
 *       producer pays for a sleep and a wake-up; yielding lets the event loops run meanwhile.</li>
 *   <li>Then, waiting for producers: block on a condition; a publish takes the lock only when a
 *       stage is actually asleep (as {@code LiteBlockingWaitStrategy}).</li>
 *   <li>Waiting for an upstream stage (the journal's fsync): nap in short parks. Disruptor's own
 *       blocking strategies busy-spin here, which on two cores burns a whole core.</li>
 * </ol>
 */
final class ParkingWaitStrategy implements WaitStrategy {
    private static final long SPIN_MICROS = 10;
    private static final long YIELD_MICROS = 50;
    private static final int CHECKS_PER_CLOCK_READ = 100;
    /** Short enough to add little latency, long enough that a waiting stage costs almost no CPU. */
    private static final long NAP_NANOS = 20_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final AtomicBoolean signalNeeded = new AtomicBoolean();

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available = backOff(sequence, dependentSequence, barrier);
        if (available >= sequence) {
            return available;
        }
        if (cursor.get() < sequence) {
            lock.lock();
            try {
                do {
                    signalNeeded.set(true);
                    if (cursor.get() >= sequence) {
                        break;
                    }
                    barrier.checkAlert();
                    published.await();
                } while (cursor.get() < sequence);
            } finally {
                lock.unlock();
            }
        }
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            LockSupport.parkNanos(NAP_NANOS);
        }
        return available;
    }

    /** Spins, then yields, for a bounded time; the sequence reached, or less if it did not come. */
    private static long backOff(long sequence, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long started = System.nanoTime();
        int checks = 0;
        long available;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (++checks % CHECKS_PER_CLOCK_READ == 0) {
                long waited = System.nanoTime() - started;
                if (waited > (SPIN_MICROS + YIELD_MICROS) * 1_000) {
                    break;
                }
                if (waited > SPIN_MICROS * 1_000) {
                    Thread.yield();
                    continue;
                }
            }
            Thread.onSpinWait();
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        if (signalNeeded.getAndSet(false)) {
            lock.lock();
            try {
                published.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
