package dev.accrue.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.accrue.engine.command.CommandFingerprint;
import dev.accrue.engine.command.CommandSlot;

/**
 * The producers' side of the ring, for the gRPC threads: claim slots without blocking, fill them,
 * publish. Publishing stamps each command with its hashes on the producer's thread, which leaves
 * the single business thread less to do. A full ring is reported as {@link #RING_FULL}, never by
 * waiting.
 */
public final class CommandPublisher {
    /** Returned by the claim methods when the ring has no room. */
    public static final long RING_FULL = -1;

    private final RingBuffer<CommandSlot> ring;

    CommandPublisher(RingBuffer<CommandSlot> ring) {
        this.ring = ring;
    }

    /** Claims one slot; its sequence, or {@link #RING_FULL}. */
    public long tryClaim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return RING_FULL;
        }
    }

    /** Claims {@code n} consecutive slots; the highest sequence, or {@link #RING_FULL}. */
    public long tryClaim(int n) {
        try {
            return ring.tryNext(n);
        } catch (InsufficientCapacityException e) {
            return RING_FULL;
        }
    }

    public CommandSlot slot(long sequence) {
        return ring.get(sequence);
    }

    /** Publishes a filled slot, stamped with its hashes first (see {@link CommandFingerprint#stamp}). */
    public void publish(long sequence) {
        try {
            CommandFingerprint.stamp(ring.get(sequence));
        } finally {
            ring.publish(sequence); // a claimed slot left unpublished would stop the ring
        }
    }

    public void publish(long lowest, long highest) {
        try {
            for (long sequence = lowest; sequence <= highest; sequence++) {
                CommandFingerprint.stamp(ring.get(sequence));
            }
        } finally {
            ring.publish(lowest, highest);
        }
    }

    public int ringSize() {
        return ring.getBufferSize();
    }
}
