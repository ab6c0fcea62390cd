package dev.accrue.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the stage threads wait for work. On a 2-core machine the gRPC event loops need the cores
 * too, so spinning strategies starve them; BENCHMARKS.md has the measurements behind the default.
 */
public enum WaitStrategyKind {
    /**
     * Spin, yield for up to 50 µs, then block for producers (signalled only when a stage sleeps) or
     * nap while waiting for an upstream stage. The default: see BENCHMARKS.md.
     */
    PARKING,
    /** Park on a lock and condition; every publish takes the lock to signal. */
    BLOCKING,
    /** Like BLOCKING, but a publish takes the lock only when a stage is actually asleep. */
    LITE_BLOCKING,
    /** Spin briefly, then yield, then block as LITE_BLOCKING: low latency under load, idle when quiet. */
    PHASED,
    /** Spin, then yield, then park 100 ns at a time. */
    SLEEPING,
    /** Spin, then Thread.yield(). Burns a core. */
    YIELDING,
    /** Spin only. Burns a core; for machines with cores to spare. */
    BUSY_SPIN;

    public WaitStrategy create() {
        return switch (this) {
            case PARKING -> new ParkingWaitStrategy();
            case BLOCKING -> new BlockingWaitStrategy();
            case LITE_BLOCKING -> new LiteBlockingWaitStrategy();
            case PHASED -> PhasedBackoffWaitStrategy.withLiteLock(10, 50, TimeUnit.MICROSECONDS);
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /** Parses "phased", "busy-spin", "BUSY_SPIN" and the like. */
    public static WaitStrategyKind parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
