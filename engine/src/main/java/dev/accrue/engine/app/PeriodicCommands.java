package dev.accrue.engine.app;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.pipeline.CommandPublisher;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Publishes the engine's own commands on a timer: CLOCK_TICK, which carries the wall clock into the
 * journal, and CHECKPOINT. This is the only place the engine reads the machine's clock; the business
 * logic sees time only through ticks (and the times commands carry), so a replay of the journal sees
 * exactly the same clock.
 */
final class PeriodicCommands implements AutoCloseable {
    private final CommandPublisher publisher;
    private final LongSupplier wallClock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "accrue-timer");
        thread.setDaemon(true);
        return thread;
    });

    PeriodicCommands(CommandPublisher publisher, LongSupplier wallClock) {
        this.publisher = publisher;
        this.wallClock = wallClock;
    }

    /** Publishes {@code type} every {@code periodMillis} (never, if 0). */
    PeriodicCommands every(long periodMillis, CommandType type) {
        if (periodMillis > 0) {
            timer.scheduleAtFixedRate(() -> publish(type), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Publishes {@code type} once, now. */
    PeriodicCommands now(CommandType type) {
        publish(type);
        return this;
    }

    /** Skipped when the ring is full: the next one does the same job. */
    private void publish(CommandType type) {
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(type);
        slot.occurredAtMillis = wallClock.getAsLong();
        publisher.publish(sequence);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
