package dev.accrue.engine.state;

import java.io.File;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the idempotency table and the purchase index (one paired allocation, {@link
 * OffHeapAppliedEventStore#openPair}) from their files on a thread of its own, while the caller
 * opens the Chronicle Maps. The tables are read whole (seconds for gigabytes, mostly faulting in
 * fresh memory); opening the maps is mostly loading and generating classes: on two cores they
 * overlap.
 */
final class TableLoader {
    private final FutureTask<OffHeapAppliedEventStore.Pair> pair;
    private volatile long millis;
    private volatile String memory = "";

    private TableLoader(File appliedEventsFile, long eventIdCapacity, File purchasesFile, long purchaseCapacity) {
        pair = new FutureTask<>(() -> {
            long started = System.nanoTime();
            // A purchase probes both tables by its event id: paired, both probes land in one block.
            OffHeapAppliedEventStore.Pair tables = OffHeapAppliedEventStore.openPair(appliedEventsFile,
                    eventIdCapacity, purchasesFile, purchaseCapacity);
            millis = millisSince(started);
            memory = tables.first().memoryForLog();
            return tables;
        });
    }

    static TableLoader start(File appliedEventsFile, long eventIdCapacity, File purchasesFile, long purchaseCapacity) {
        TableLoader loader = new TableLoader(appliedEventsFile, eventIdCapacity, purchasesFile, purchaseCapacity);
        Thread thread = new Thread(loader.pair, "accrue-load-tables");
        thread.setDaemon(true);
        thread.start();
        return loader;
    }

    /** The idempotency table, once loaded. */
    AppliedEventStore appliedEvents() {
        return await(pair).first();
    }

    /** The purchase index, once loaded. */
    PurchaseIndex purchases() {
        return new PurchaseIndex(await(pair).second());
    }

    /** How long the tables took to load, for the log. */
    String times() {
        return "idempotency table and purchase index " + millis + " ms, in " + memory;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static <T> T await(FutureTask<T> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a table", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("could not load a table", e.getCause());
        }
    }
}
