package dev.accrue.engine.state;

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
 * it does nothing from then on.
 */
final class WritablePages {
    private static final Logger LOG = LoggerFactory.getLogger(WritablePages.class);
    private static final int MADV_POPULATE_WRITE = 23;
    private static final long PAGE = 4096;
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
