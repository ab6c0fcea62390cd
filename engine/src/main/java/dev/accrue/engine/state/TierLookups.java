package dev.accrue.engine.state;

import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.posix.PosixAPI;

/**
 * Brings the hash lookups of a persisted Chronicle map into memory: every tier of every segment
 * begins with one (16 KiB each at 10M members, every 1.7 MB of the file), and any lookup of a key
 * reads its segment's first. After a restart the page cache no longer holds many of them (the
 * checkpoint's copy of the map is as large as the map, and the tables loaded beside it push pages
 * out), so a replay's first lookups waited for the disk one page at a time, most of its time at 10M
 * members. Here all of them are asked for at once ({@code MADV_WILLNEED}: the disk reads them in
 * parallel), then mapped ({@code MADV_POPULATE_READ}, Linux 5.14) so that no lookup faults.
 *
 * <p>Only saves time, and changes nothing in the map: where the calls or the map's layout are not
 * available, it does nothing.
 */
final class TierLookups {
    private static final int MADV_WILLNEED = 3;
    private static final int MADV_POPULATE_READ = 22;
    private static final long PAGE = 4096;

    private TierLookups() {
    }

    /** Readies the lookups of {@code map}'s tiers in use; returns the bytes readied (0 if it did nothing). */
    static long ready(ChronicleMap<?, ?> map) {
        PosixAPI posix = WritablePages.linuxBinding();
        if (posix == null || !(map instanceof VanillaChronicleHash<?, ?, ?, ?> hash)) {
            return 0;
        }
        long tiers = hash.actualSegments + hash.globalMutableState().getExtraTiersInUse();
        long bytes = hash.tierHashLookupOuterSize;
        try {
            for (int advice : new int[] {MADV_WILLNEED, MADV_POPULATE_READ}) {
                for (long tier = 1; tier <= tiers; tier++) { // tier indexes count from 1
                    long start = hash.tierIndexToBaseAddr(tier) & -PAGE;
                    long end = (hash.tierIndexToBaseAddr(tier) + bytes + PAGE - 1) & -PAGE;
                    if (posix.madvise(start, end - start, advice) != 0) {
                        return 0;
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return 0; // the native call is not there: the caller goes on without it
        }
        return tiers * bytes;
    }
}
