package dev.accrue.engine.app;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.pipeline.CommandPublisher;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Publishes the wall clock into the ring as journaled CLOCK_TICK commands. This is the only place
 * the engine reads the machine's clock; the business logic sees time only through these ticks (and
 * the times commands carry), so a replay of the journal sees exactly the same clock.
 */
final class ClockTicker implements AutoCloseable {
    private final CommandPublisher publisher;
    private final LongSupplier wallClock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "accrue-clock");
        thread.setDaemon(true);
        return thread;
    });

    ClockTicker(CommandPublisher publisher, LongSupplier wallClock) {
        this.publisher = publisher;
        this.wallClock = wallClock;
    }

    /** Ticks once now, then every {@code periodMillis} (never, if 0). */
    ClockTicker start(long periodMillis) {
        tick();
        if (periodMillis > 0) {
            timer.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Skipped when the ring is full: the next tick carries the time forward anyway. */
    private void tick() {
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.CLOCK_TICK);
        slot.occurredAtMillis = wallClock.getAsLong();
        publisher.publish(sequence);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
