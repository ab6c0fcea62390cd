package dev.accrue.engine.journal;

/**
 * The journal's byte layout. A journal is a directory of segment files, each named for the first
 * sequence it holds ({@code journal-00000000000000000001.seg}), each a header and then records,
 * little-endian:
 *
 * <pre>
 * segment header (32 bytes)
 *  0         8         12        16                  24                  32
 *  +---------+---------+---------+-------------------+-------------------+
 *  | MAGIC   | VERSION | unused  | firstSequence     | unused            |
 *  +---------+---------+---------+-------------------+-------------------+
 *
 * record
 *  0         4         8                   16     17     18
 *  +---------+---------+-------------------+------+------+---------------------+
 *  | length  | crc32c  | sequence          | type | 0    | payload ...         |
 *  +---------+---------+-------------------+------+------+---------------------+
 *  length counts the whole record; crc32c covers bytes 8..length (sequence, type, payload).
 * </pre>
 */
public final class JournalFormat {
    public static final long MAGIC = 0x314e524a52434341L; // "ACCRJRN1" read little-endian
    public static final int VERSION = 3;
    public static final int SEGMENT_HEADER_SIZE = 32;
    public static final int SEGMENT_MAGIC_OFFSET = 0;
    public static final int SEGMENT_VERSION_OFFSET = 8;
    public static final int SEGMENT_FIRST_SEQUENCE_OFFSET = 16;

    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int TYPE_OFFSET = 16;
    public static final int RECORD_HEADER_SIZE = 18;
    /** Far above the largest command (a purchase with 256 full lines is ~110 KiB). */
    public static final int MAX_RECORD_SIZE = 1 << 20;

    public static final String SEGMENT_PREFIX = "journal-";
    public static final String SEGMENT_SUFFIX = ".seg";

    private JournalFormat() {
    }

    public static String segmentName(long firstSequence) {
        return String.format("%s%020d%s", SEGMENT_PREFIX, firstSequence, SEGMENT_SUFFIX);
    }

    public static boolean isSegmentName(String name) {
        return name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX)
                && name.length() == SEGMENT_PREFIX.length() + 20 + SEGMENT_SUFFIX.length();
    }
}
