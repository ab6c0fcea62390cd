package dev.accrue.engine.journal;

/**
 * What the journal has done, logged when the engine stops: records, bytes, forces, the commands
 * per force (the group-commit batch size), the time forces took, and the time spent zero-filling
 * the segment ahead (which the next batch waits for). Written by the journal thread;
 * read elsewhere only as a rough, racy snapshot.
 */
public final class JournalStats {
    private long records;
    private long bytes;
    private long forces;
    private long forcedRecords;
    private long forceNanos;
    private long maxForceNanos;
    private long preallocations;
    private long preallocateNanos;
    private long maxPreallocateNanos;

    void recordAppended(int size) {
        records++;
        bytes += size;
    }

    void forced(long nanos, long recordsInBatch) {
        forces++;
        forcedRecords += recordsInBatch;
        forceNanos += nanos;
        maxForceNanos = Math.max(maxForceNanos, nanos);
    }

    void preallocated(long nanos) {
        preallocations++;
        preallocateNanos += nanos;
        maxPreallocateNanos = Math.max(maxPreallocateNanos, nanos);
    }

    @Override
    public String toString() {
        long perForce = forces == 0 ? 0 : forcedRecords / forces;
        long meanForceMicros = forces == 0 ? 0 : forceNanos / forces / 1_000;
        return "records=" + records + " bytes=" + bytes + " forces=" + forces + " recordsPerForce=" + perForce
                + " meanForceUs=" + meanForceMicros + " maxForceUs=" + maxForceNanos / 1_000
                + " preallocations=" + preallocations + " meanPreallocateUs="
                + (preallocations == 0 ? 0 : preallocateNanos / preallocations / 1_000)
                + " maxPreallocateUs=" + maxPreallocateNanos / 1_000;
    }
}
