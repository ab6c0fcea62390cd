package dev.accrue.engine.state;

import com.sun.management.HotSpotDiagnosticMXBean;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zeroed memory for the off-heap tables, as {@link ByteBuffer} chunks of at most {@value #CHUNK}
 * bytes each. On Linux it is an anonymous mapping of huge pages: a table of gigabytes is then
 * faulted in 2 MiB at a time instead of 4 KiB (on these virtual machines a 4 KiB fault costs
 * microseconds: ~1 s per GiB, the most of loading a table at a start), and its random probes miss
 * the TLB far less. The pages come from the system's reserved pool ({@code vm.nr_hugepages},
 * hugetlb) when it has enough free for the whole table, else they are transparent huge pages
 * (advised). Elsewhere, or without the native call, it is direct memory.
 *
 * <p>Reserved pages stay with the system between processes. Transparent ones go back to the
 * kernel when a process ends, and a virtual machine's kernel may hand them back to its host, which
 * must supply them again at the next first touch: 1-2 s per GiB on these machines, against ~0.15 s
 * from the pool. An engine restarted after a crash loads its tables that much sooner.
 *
 * <p>Either way every page is faulted in when the memory is allocated, on the allocating thread
 * (a table loader, the checkpoint thread), and never first by the business thread: a huge page's
 * first fault can take milliseconds (here, on a virtual machine whose host takes freed memory back
 * and must supply it again, 2 MiB at a time), and a table's first inserts would each pay one.
 *
 * <p>It counts against the JVM's {@code -XX:MaxDirectMemorySize}, like the direct
 * memory it replaces, so that the configured limit still decides whether a checkpoint's copies
 * fit. A mapping is released by {@link #release} (the last of its users) or, if that is forgotten,
 * when it is collected; direct memory when it is collected.
 */
final class TableMemory {
    private static final Logger LOG = LoggerFactory.getLogger(TableMemory.class);
    static final int CHUNK = 1 << 30;
    private static final long HUGE_PAGE = 2L << 20;
    /** Touching one byte a small page faults in every page, huge or not. */
    private static final int SMALL_PAGE = 4096;
    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x22;
    /** Pages from the system's reserved pool; the mapping fails (ENOMEM) if the pool lacks them. */
    private static final int MAP_HUGETLB = 0x40000;
    private static final int MADV_HUGEPAGE = 14;
    private static final long FAILED = -1;
    private static final Cleaner CLEANER = Cleaner.create();
    /** Bytes mapped by tables now: with the JVM's own direct memory, within its limit. */
    private static final AtomicLong MAPPED = new AtomicLong();
    private static final Mapper MAPPER = Mapper.create();

    private final ByteBuffer[] chunks;
    /** Null for direct memory; set once, before the memory is handed out. */
    private Cleaner.Cleanable unmap;
    /** Whether the mapping's pages come from the system's reserved pool; set with {@link #unmap}. */
    private boolean reserved;
    private int users;
    /** How long getting the memory and faulting it in took, for the log. */
    private long allocatedInMillis;

    private TableMemory(ByteBuffer[] chunks, int users) {
        this.chunks = chunks;
        this.users = users;
    }

    /**
     * {@code bytes} of zeroed memory for {@code users} tables sharing it, each of which {@link
     * #release}s it when done; {@code what} says what needs it, if it is short.
     */
    static TableMemory allocate(long bytes, int users, String what) {
        return allocate(bytes, users, what, true);
    }

    /**
     * As {@link #allocate}, for one user, but never from the system's reserved pool: for memory
     * beside the tables, which the pool is sized for (see the README).
     */
    static TableMemory allocateBesideTables(long bytes, String what) {
        return allocate(bytes, 1, what, false);
    }

    private static TableMemory allocate(long bytes, int users, String what, boolean fromPool) {
        long started = System.nanoTime();
        if (MAPPER != null) {
            TableMemory mapped = MAPPER.map(bytes, users, what, fromPool);
            if (mapped != null) {
                mapped.allocatedInMillis = (System.nanoTime() - started) / 1_000_000;
                return mapped;
            }
        }
        ByteBuffer[] chunks = new ByteBuffer[chunkCount(bytes)];
        try {
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = ByteBuffer.allocateDirect(chunkSize(bytes, i)).order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (OutOfMemoryError e) {
            throw tooLittle(what, bytes, e);
        }
        TableMemory direct = new TableMemory(chunks, users);
        direct.allocatedInMillis = (System.nanoTime() - started) / 1_000_000;
        return direct;
    }

    ByteBuffer[] chunks() {
        return chunks;
    }

    /** Faults every page of a mapping in now, on the calling thread (direct memory is touched when allocated). */
    private void touch() {
        if (unmap == null) {
            return;
        }
        for (ByteBuffer chunk : chunks) {
            for (int at = 0; at < chunk.capacity(); at += SMALL_PAGE) {
                chunk.put(at, (byte) 0);
            }
        }
    }

    /** Whether this memory is a huge-page mapping (rather than direct memory). */
    boolean mapped() {
        return unmap != null;
    }

    /** Whether this memory's huge pages come from the system's reserved pool (hugetlb). */
    boolean reserved() {
        return reserved;
    }

    /** How long getting the memory and faulting it in took, in milliseconds: for the log. */
    long allocatedInMillis() {
        return allocatedInMillis;
    }

    /** What the memory is, for the log. */
    String kind() {
        return reserved ? "reserved huge pages" : unmap != null ? "transparent huge pages" : "direct memory";
    }

    /** One user is done with the memory; after the last, it is unmapped and must not be touched again. */
    synchronized void release() {
        if (--users == 0 && unmap != null) {
            unmap.clean();
        }
    }

    /** Bytes of tables mapped in this process now. */
    static long mappedBytes() {
        return MAPPED.get();
    }

    private static int chunkCount(long bytes) {
        return (int) ((bytes + CHUNK - 1) / CHUNK);
    }

    private static int chunkSize(long bytes, int chunk) {
        return (int) Math.min(bytes - (long) chunk * CHUNK, CHUNK);
    }

    private static IllegalStateException tooLittle(String what, long bytes, Throwable cause) {
        return new IllegalStateException(what + " needs " + (bytes >> 20) + " MiB of direct memory: lower"
                + " the capacities (idempotency.capacity, returns.capacity, members.capacity) or raise the JVM's"
                + " -XX:MaxDirectMemorySize", cause);
    }

    /** Anonymous huge-page mappings through Chronicle's POSIX binding; null where that does not work. */
    private static final class Mapper {
        private final PosixAPI posix;
        private final Constructor<?> bufferAt;
        private final long limit;

        private Mapper(PosixAPI posix, Constructor<?> bufferAt, long limit) {
            this.posix = posix;
            this.bufferAt = bufferAt;
            this.limit = limit;
        }

        static Mapper create() {
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                return null;
            }
            try {
                // The constructor JNI's NewDirectByteBuffer uses: a buffer over memory it does not own.
                Constructor<?> bufferAt = Class.forName("java.nio.DirectByteBuffer").getDeclaredConstructor(long.class,
                        int.class);
                bufferAt.setAccessible(true);
                return new Mapper(PosixAPI.posix(), bufferAt, maxDirectMemory());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.info("tables in direct memory (no anonymous mappings here: {})", e.toString());
                return null;
            }
        }

        /** The mapping, or null if the system refused it (the caller then takes direct memory). */
        TableMemory map(long bytes, int users, String what, boolean fromPool) {
            long total = MAPPED.addAndGet(bytes);
            if (total + directMemoryUsed() > limit) {
                MAPPED.addAndGet(-bytes);
                throw tooLittle(what, bytes, null);
            }
            long length = (bytes + HUGE_PAGE - 1) & -HUGE_PAGE;
            long address = fromPool ? mapReserved(length) : FAILED;
            if (address != FAILED) {
                try {
                    return view(address, address, length, bytes, users, what, true);
                } catch (InternalError e) {
                    // The pool ran dry at a fault after all (a cgroup's hugetlb limit charges then): unmapped, try the other way.
                    LOG.warn("reserved huge pages failed for {} ({}); taking transparent ones", what, e.toString());
                }
            }
            // Aligned to a huge page by hand: older kernels align only to a small page.
            length = bytes + HUGE_PAGE;
            try {
                address = posix.mmap(0, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
            } catch (RuntimeException | LinkageError e) { // the native binding may fail only when first called
                address = FAILED;
                LOG.warn("no anonymous mappings here ({})", e.toString());
            }
            if (address == FAILED || address == 0) {
                MAPPED.addAndGet(-bytes);
                LOG.warn("could not map {} MiB for {}; taking direct memory", bytes >> 20, what);
                return null;
            }
            long start = (address + HUGE_PAGE - 1) & -HUGE_PAGE;
            posix.madvise(start, bytes, MADV_HUGEPAGE); // advice: without it the pages are small, no worse
            return view(address, start, length, bytes, users, what, false);
        }

        /** The mapping at {@code address} as chunks from {@code start}, every page faulted in. */
        private TableMemory view(long address, long start, long length, long bytes, int users, String what,
                                 boolean reserved) {
            ByteBuffer[] chunks = new ByteBuffer[chunkCount(bytes)];
            try {
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = ((ByteBuffer) bufferAt.newInstance(start + (long) i * CHUNK, chunkSize(bytes, i)))
                            .order(ByteOrder.LITTLE_ENDIAN);
                }
            } catch (ReflectiveOperationException e) {
                posix.munmap(address, length);
                MAPPED.addAndGet(-bytes);
                throw new IllegalStateException("cannot view the mapping for " + what, e);
            }
            TableMemory memory = new TableMemory(chunks, users);
            memory.reserved = reserved;
            Unmap unmap = new Unmap(posix, address, length);
            memory.unmap = CLEANER.register(memory, unmap);
            try {
                memory.touch();
            } catch (InternalError e) {
                unmap.run(); // counts nothing off: the bytes stay reserved for the next try
                throw e;
            }
            unmap.counted(bytes);
            return memory;
        }

        /**
         * {@code length} bytes of the system's reserved huge pages, or {@link #FAILED} if it has not
         * that many free (or none at all). A private mapping reserves its pages when it is made, so
         * no fault can find the pool empty later.
         */
        private long mapReserved(long length) {
            try {
                long address = posix.mmap(0, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS | MAP_HUGETLB, -1, 0);
                return address == 0 ? FAILED : address;
            } catch (RuntimeException | LinkageError e) { // ENOMEM: the pool is short; the usual case
                return FAILED;
            }
        }

        private static long maxDirectMemory() {
            String configured = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxDirectMemorySize").getValue();
            long max = Long.parseLong(configured);
            return max > 0 ? max : Runtime.getRuntime().maxMemory(); // 0: the JVM's default, the heap's maximum
        }

        private static long directMemoryUsed() {
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    return pool.getMemoryUsed();
                }
            }
            return 0;
        }
    }

    /** Unmaps once, whether released or collected; refers to nothing that could keep the memory reachable. */
    private static final class Unmap implements Runnable {
        private final PosixAPI posix;
        private final long address;
        private final long length;
        private final AtomicBoolean done = new AtomicBoolean();
        /** The bytes counted in {@link #MAPPED} for this mapping, returned when it is unmapped: none until it is in use. */
        private volatile long bytes;

        Unmap(PosixAPI posix, long address, long length) {
            this.posix = posix;
            this.address = address;
            this.length = length;
        }

        void counted(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                posix.munmap(address, length);
                MAPPED.addAndGet(-bytes);
            }
        }
    }
}
