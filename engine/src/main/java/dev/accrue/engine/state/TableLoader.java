package dev.accrue.engine.state;

import java.io.File;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the idempotency table and the purchase index from their files, each on a thread of its
 * own, while the caller opens the Chronicle Maps. The tables are read whole (seconds for
 * gigabytes, mostly faulting in fresh memory); opening the maps is mostly loading and generating
 * classes: on two cores they overlap.
 */
final class TableLoader {
    private final FutureTask<AppliedEventStore> appliedEvents;
    private final FutureTask<PurchaseIndex> purchases;
    private volatile long appliedEventsMillis;
    private volatile long purchasesMillis;

    private TableLoader(File appliedEventsFile, long eventIdCapacity, File purchasesFile, long purchaseCapacity) {
        appliedEvents = new FutureTask<>(() -> {
            long started = System.nanoTime();
            AppliedEventStore table = OffHeapAppliedEventStore.open(appliedEventsFile, eventIdCapacity);
            appliedEventsMillis = millisSince(started);
            return table;
        });
        purchases = new FutureTask<>(() -> {
            long started = System.nanoTime();
            PurchaseIndex table = PurchaseIndex.open(purchasesFile, purchaseCapacity);
            purchasesMillis = millisSince(started);
            return table;
        });
    }

    static TableLoader start(File appliedEventsFile, long eventIdCapacity, File purchasesFile, long purchaseCapacity) {
        TableLoader loader = new TableLoader(appliedEventsFile, eventIdCapacity, purchasesFile, purchaseCapacity);
        run(loader.appliedEvents, "accrue-load-idempotency-table");
        run(loader.purchases, "accrue-load-purchase-index");
        return loader;
    }

    private static void run(FutureTask<?> load, String name) {
        Thread thread = new Thread(load, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The idempotency table, once loaded. */
    AppliedEventStore appliedEvents() {
        return await(appliedEvents);
    }

    /** The purchase index, once loaded. */
    PurchaseIndex purchases() {
        return await(purchases);
    }

    /** How long each table took to load, for the log. */
    String times() {
        return "idempotency table " + appliedEventsMillis + " ms, purchase index " + purchasesMillis + " ms";
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
