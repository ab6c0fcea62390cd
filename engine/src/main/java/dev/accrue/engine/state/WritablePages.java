package dev.accrue.engine.state;

import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes pages of a shared file mapping writable ahead of a write ({@code MADV_POPULATE_WRITE},
 * Linux 5.14), so that the write itself does not fault. The first write to a clean page of a
 * mapped file faults to mark it dirty, and on ext4 that fault costs 3-12 µs here (more on pages the
 * page cache holds as large folios): after a restart, one or two of them for most replayed
 * commands at 10M members, half the replay's time. Done by another thread ahead of the writer, the
 * faults cost the writer nothing. The pages were about to be written, so nothing more is written
 * back than would be.
 *
 * <p>Only saves time: where the call does not exist (not Linux, older kernels, no native binding)
 * it does nothing from then on. {@link #touch} does the same without a system call, for pages
 * that are likely writable already.
 */
public final class WritablePages {
    private static final Logger LOG = LoggerFactory.getLogger(WritablePages.class);
    private static final int MADV_POPULATE_WRITE = 23;
    private static final long PAGE = 4096;
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    private static volatile PosixAPI posix = linuxBinding();

    private WritablePages() {
    }

    /** Faults in {@code [address, address + bytes)} for writing; false if this does nothing here. */
    static boolean populate(long address, long bytes) {
        PosixAPI api = posix;
        if (api == null) {
            return false;
        }
        long start = address & -PAGE;
        long end = (address + bytes + PAGE - 1) & -PAGE;
        try {
            if (api.madvise(start, end - start, MADV_POPULATE_WRITE) == 0) {
                return true;
            }
            LOG.info("pages cannot be made writable ahead of a write here ({}); not trying again", api.lastErrorStr());
        } catch (RuntimeException | LinkageError e) {
            LOG.info("pages cannot be made writable ahead of a write here ({}); not trying again", e.toString());
        }
        posix = null;
        return false;
    }

    /**
     * Makes each page of {@code [address, address + bytes)} writable by writing it an atomic add of
     * nothing: a write that needs the page writable and changes no byte, whatever another thread
     * writes there at the same time (the processor makes the add one indivisible read and write of
     * the word). No system call: cheap where the page is writable already. The memory must stay
     * mapped meanwhile.
     */
    public static void touch(long address, long bytes) {
        long first = address & -Long.BYTES; // aligned: a locked add across two lines stalls every core
        long last = (address + bytes - 1) & -Long.BYTES;
        MEMORY.addLong(first, 0);
        for (long page = (first & -PAGE) + PAGE; page <= last; page += PAGE) {
            MEMORY.addLong(page, 0);
        }
    }

    /** The native binding for {@code madvise}, on Linux only; null where there is none. */
    static PosixAPI linuxBinding() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return null;
        }
        try {
            return PosixAPI.posix();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
