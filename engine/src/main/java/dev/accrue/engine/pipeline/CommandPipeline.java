package dev.accrue.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.accrue.engine.command.CommandSlot;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's Disruptor and its stages, each on its own thread, each seeing every slot in order.
 *
 * <pre>
 *  gRPC event loops ──claim/publish──▶ [ ring of CommandSlot ]
 *                                              │
 *                                              ▼
 *                                        JournalHandler      append; one fsync per ring batch
 *                                              │
 *                                              ▼
 *                                     BusinessLogicStage     one thread: LoyaltyProcessor applies,
 *                                              │              then the reply target answers
 *                                              ▼
 *                              caller's event loop (ContextOutbox)
 * </pre>
 *
 * The journal comes first, not beside the business logic: member state is then never ahead of the
 * journal, and nothing is applied or acknowledged before it is durable. Side by side they would
 * save nothing, since the fsync dominates either way. While the journal forces a batch, the
 * business-logic stage naps (ParkingWaitStrategy) rather than spinning.
 */
public final class CommandPipeline implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final Disruptor<CommandSlot> disruptor;
    private final CommandPublisher publisher;
    private boolean started;

    public CommandPipeline(int ringSize, WaitStrategyKind waitStrategy, EventHandler<CommandSlot> journal,
                           LoyaltyProcessor processor) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, stageThreads(), ProducerType.MULTI,
                waitStrategy.create());
        disruptor.setDefaultExceptionHandler(new SlotFaultHandler());
        disruptor.handleEventsWith(journal).then(new BusinessLogicStage(processor, disruptor.getRingBuffer()));
        publisher = new CommandPublisher(disruptor.getRingBuffer());
    }

    public CommandPipeline start() {
        disruptor.start();
        started = true;
        return this;
    }

    public CommandPublisher publisher() {
        return publisher;
    }

    /** Drains what was published, then stops the stage threads. */
    @Override
    public void close() {
        // Not Disruptor.shutdown(): it waits only for stages whose threads already run, so right
        // after start() it halts at once and the stages go on applying commands after close.
        RingBuffer<CommandSlot> ring = disruptor.getRingBuffer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
        while (started && ring.getMinimumGatingSequence() < ring.getCursor() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(100_000);
        }
        disruptor.halt();
    }

    /** Stages start in pipeline order: accrue-stage-1 journals, -2 is the business logic (and replies). */
    private static ThreadFactory stageThreads() {
        AtomicInteger started = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "accrue-stage-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
