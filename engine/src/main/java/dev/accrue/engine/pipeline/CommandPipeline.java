package dev.accrue.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.accrue.engine.command.CommandSlot;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 *                                      LoyaltyProcessor      all business logic, one thread
 *                                              │
 *                                              ▼
 *                                        ReplyHandler        answers on the caller's event loop
 * </pre>
 *
 * The journal comes first, not beside the business logic: member state is then never ahead of the
 * journal, and nothing is acknowledged before it is durable. Running them side by side would save
 * nothing, since the fsync dominates either way.
 */
public final class CommandPipeline implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final Disruptor<CommandSlot> disruptor;
    private final CommandPublisher publisher;

    public CommandPipeline(int ringSize, WaitStrategyKind waitStrategy, EventHandler<CommandSlot> journal,
                           LoyaltyProcessor processor) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, stageThreads(), ProducerType.MULTI,
                waitStrategy.create());
        disruptor.setDefaultExceptionHandler(new SlotFaultHandler());
        disruptor.handleEventsWith(journal).then(processor).then(new ReplyHandler());
        publisher = new CommandPublisher(disruptor.getRingBuffer());
    }

    public CommandPipeline start() {
        disruptor.start();
        return this;
    }

    public CommandPublisher publisher() {
        return publisher;
    }

    /** Drains what was published, then stops the stage threads. */
    @Override
    public void close() {
        try {
            disruptor.shutdown(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
    }

    /** Stages start in pipeline order: accrue-stage-1 journals, -2 is the business logic, -3 replies. */
    private static ThreadFactory stageThreads() {
        AtomicInteger started = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "accrue-stage-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
