package dev.accrue.engine.app;

import dev.accrue.engine.journal.FsyncPolicy;
import dev.accrue.engine.pipeline.WaitStrategyKind;

import java.nio.file.Path;

/**
 * Everything the engine can be configured with. The defaults are the embedded demo: data under
 * {@code ./data}, gRPC on 9090, the demo program. {@link ConfigFile} fills these from a file and
 * command-line overrides; {@code config/accrue.properties} documents each key.
 */
public final class EngineOptions {
    public static final String DEFAULT_GRPC_HOST = "0.0.0.0";
    public static final int DEFAULT_GRPC_PORT = 9090;
    public static final int DEFAULT_EVENT_LOOPS = 2;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    public static final long DEFAULT_MEMBER_CAPACITY = 1_000_000;
    /**
     * Small enough that a slot comes round again while the card G1 logged for its last use is still
     * waiting to be refined, so reusing it logs nothing: with 16,384 slots, refining those cards could
     * take ~15% of the engine's CPU under a purchase stream (BENCHMARKS.md, "A smaller ring"). Four
     * full batches of 1,000 fit.
     */
    public static final int DEFAULT_RING_SIZE = 4_096;
    public static final WaitStrategyKind DEFAULT_WAIT_STRATEGY = WaitStrategyKind.PARKING;
    /** Half the default ring: two busy streams meet back-pressure, not refusals. */
    public static final int DEFAULT_STREAM_WINDOW_EVENTS = 2_048;
    public static final boolean DEFAULT_SEED_DEMO_MEMBERS = true;
    public static final FsyncPolicy DEFAULT_JOURNAL_FSYNC = FsyncPolicy.EVERY_BATCH;
    public static final long DEFAULT_JOURNAL_SEGMENT_BYTES = 256L << 20;
    public static final long DEFAULT_EVENT_ID_CAPACITY = 1_000_000;
    public static final long DEFAULT_PURCHASE_CAPACITY = 1_000_000;
    public static final int DEFAULT_PURCHASE_RETENTION_DAYS = 396;
    public static final int DEFAULT_EVENT_ID_RETENTION_DAYS = 7;
    public static final long DEFAULT_CLOCK_TICK_MILLIS = 1_000;
    public static final int DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 600;

    private String grpcHost = DEFAULT_GRPC_HOST;
    private int grpcPort = DEFAULT_GRPC_PORT;
    private int eventLoops = DEFAULT_EVENT_LOOPS;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private Path dataDirectory = DEFAULT_DATA_DIRECTORY;
    private long memberCapacity = DEFAULT_MEMBER_CAPACITY;
    private int ringSize = DEFAULT_RING_SIZE;
    private WaitStrategyKind waitStrategy = DEFAULT_WAIT_STRATEGY;
    private int streamWindowEvents = DEFAULT_STREAM_WINDOW_EVENTS;
    /** Null: the demo program (config/program.json, packaged into the jar). */
    private Path programFile;
    private boolean seedDemoMembers = DEFAULT_SEED_DEMO_MEMBERS;
    private FsyncPolicy journalFsync = DEFAULT_JOURNAL_FSYNC;
    private long journalSegmentBytes = DEFAULT_JOURNAL_SEGMENT_BYTES;
    private long eventIdCapacity = DEFAULT_EVENT_ID_CAPACITY;
    private long purchaseCapacity = DEFAULT_PURCHASE_CAPACITY;
    private int purchaseRetentionDays = DEFAULT_PURCHASE_RETENTION_DAYS;
    private int eventIdRetentionDays = DEFAULT_EVENT_ID_RETENTION_DAYS;
    private long clockTickMillis = DEFAULT_CLOCK_TICK_MILLIS;
    private int checkpointIntervalSeconds = DEFAULT_CHECKPOINT_INTERVAL_SECONDS;
    private boolean checkpointCopyInMemory = true;
    private boolean membersWriteAhead;

    public EngineOptions() {
    }

    public EngineOptions(EngineOptions other) {
        grpcHost = other.grpcHost;
        grpcPort = other.grpcPort;
        eventLoops = other.eventLoops;
        maxMessageBytes = other.maxMessageBytes;
        dataDirectory = other.dataDirectory;
        memberCapacity = other.memberCapacity;
        ringSize = other.ringSize;
        waitStrategy = other.waitStrategy;
        streamWindowEvents = other.streamWindowEvents;
        programFile = other.programFile;
        seedDemoMembers = other.seedDemoMembers;
        journalFsync = other.journalFsync;
        journalSegmentBytes = other.journalSegmentBytes;
        eventIdCapacity = other.eventIdCapacity;
        purchaseCapacity = other.purchaseCapacity;
        purchaseRetentionDays = other.purchaseRetentionDays;
        eventIdRetentionDays = other.eventIdRetentionDays;
        clockTickMillis = other.clockTickMillis;
        checkpointIntervalSeconds = other.checkpointIntervalSeconds;
        checkpointCopyInMemory = other.checkpointCopyInMemory;
        membersWriteAhead = other.membersWriteAhead;
    }

    public String getGrpcHost() {
        return grpcHost;
    }

    public EngineOptions setGrpcHost(String grpcHost) {
        this.grpcHost = grpcHost;
        return this;
    }

    public int getGrpcPort() {
        return grpcPort;
    }

    /** The gRPC port; 0 picks a free one (see {@link AccrueEngine#grpcPort()}). */
    public EngineOptions setGrpcPort(int grpcPort) {
        this.grpcPort = require(grpcPort, 0, 65_535, "grpc.port");
        return this;
    }

    public int getEventLoops() {
        return eventLoops;
    }

    public EngineOptions setEventLoops(int eventLoops) {
        this.eventLoops = require(eventLoops, 1, 256, "grpc.event-loops");
        return this;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    public EngineOptions setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = require(maxMessageBytes, 1024, Integer.MAX_VALUE, "grpc.max-message-bytes");
        return this;
    }

    public Path getDataDirectory() {
        return dataDirectory;
    }

    public EngineOptions setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        return this;
    }

    public long getMemberCapacity() {
        return memberCapacity;
    }

    /** Members the store is sized for. Fixed when the data directory is created. */
    public EngineOptions setMemberCapacity(long memberCapacity) {
        if (memberCapacity < 1) {
            throw new IllegalArgumentException("members.capacity must be positive: " + memberCapacity);
        }
        this.memberCapacity = memberCapacity;
        return this;
    }

    public int getRingSize() {
        return ringSize;
    }

    public EngineOptions setRingSize(int ringSize) {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring.size must be a power of two: " + ringSize);
        }
        this.ringSize = ringSize;
        return this;
    }

    public WaitStrategyKind getWaitStrategy() {
        return waitStrategy;
    }

    public EngineOptions setWaitStrategy(WaitStrategyKind waitStrategy) {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public int getStreamWindowEvents() {
        return streamWindowEvents;
    }

    /** Events one purchase stream may have in the engine before it stops reading. */
    public EngineOptions setStreamWindowEvents(int streamWindowEvents) {
        this.streamWindowEvents = require(streamWindowEvents, 1, Integer.MAX_VALUE, "stream.window-events");
        return this;
    }

    /** The program file applied at start; null for the demo program. */
    public Path getProgramFile() {
        return programFile;
    }

    public EngineOptions setProgramFile(Path programFile) {
        this.programFile = programFile;
        return this;
    }

    public boolean isSeedDemoMembers() {
        return seedDemoMembers;
    }

    /** Enrol the demo members when the data directory is new. */
    public EngineOptions setSeedDemoMembers(boolean seedDemoMembers) {
        this.seedDemoMembers = seedDemoMembers;
        return this;
    }

    public FsyncPolicy getJournalFsync() {
        return journalFsync;
    }

    /** When the journal forces writes to the device; EVERY_BATCH makes every acknowledgement durable. */
    public EngineOptions setJournalFsync(FsyncPolicy journalFsync) {
        this.journalFsync = journalFsync;
        return this;
    }

    public long getJournalSegmentBytes() {
        return journalSegmentBytes;
    }

    /** The size at which the journal starts a new segment file. */
    public EngineOptions setJournalSegmentBytes(long journalSegmentBytes) {
        if (journalSegmentBytes < 1 << 20) {
            throw new IllegalArgumentException("journal.segment-bytes must be at least 1 MiB: " + journalSegmentBytes);
        }
        this.journalSegmentBytes = journalSegmentBytes;
        return this;
    }

    public long getEventIdCapacity() {
        return eventIdCapacity;
    }

    /** Applied event ids the idempotency table is sized for (events within the retention). */
    public EngineOptions setEventIdCapacity(long eventIdCapacity) {
        if (eventIdCapacity < 1) {
            throw new IllegalArgumentException("idempotency.capacity must be positive: " + eventIdCapacity);
        }
        this.eventIdCapacity = eventIdCapacity;
        return this;
    }

    public int getEventIdRetentionDays() {
        return eventIdRetentionDays;
    }

    /** How long, in engine-clock days, a retry with the same event id is recognised. */
    public EngineOptions setEventIdRetentionDays(int eventIdRetentionDays) {
        this.eventIdRetentionDays = require(eventIdRetentionDays, 1, 3_650, "idempotency.retention-days");
        return this;
    }

    long eventIdRetentionMillis() {
        return eventIdRetentionDays * 86_400_000L;
    }

    public long getPurchaseCapacity() {
        return purchaseCapacity;
    }

    /** Purchases kept returnable at once: every purchase within the retention period. */
    public EngineOptions setPurchaseCapacity(long purchaseCapacity) {
        if (purchaseCapacity < 1) {
            throw new IllegalArgumentException("returns.capacity must be positive: " + purchaseCapacity);
        }
        this.purchaseCapacity = purchaseCapacity;
        return this;
    }

    public int getPurchaseRetentionDays() {
        return purchaseRetentionDays;
    }

    /** How long, in engine-clock days after it was recorded, a purchase can be returned. */
    public EngineOptions setPurchaseRetentionDays(int purchaseRetentionDays) {
        this.purchaseRetentionDays = require(purchaseRetentionDays, 1, 3_650, "returns.retention-days");
        return this;
    }

    long purchaseRetentionMillis() {
        return purchaseRetentionDays * 86_400_000L;
    }

    public long getClockTickMillis() {
        return clockTickMillis;
    }

    /** How often the engine journals a clock tick; 0 ticks only once, at start. */
    public EngineOptions setClockTickMillis(long clockTickMillis) {
        if (clockTickMillis < 0) {
            throw new IllegalArgumentException("clock.tick-millis must not be negative: " + clockTickMillis);
        }
        this.clockTickMillis = clockTickMillis;
        return this;
    }

    public int getCheckpointIntervalSeconds() {
        return checkpointIntervalSeconds;
    }

    /** How often the state is checkpointed (0: never, recovery then replays the whole journal). */
    public EngineOptions setCheckpointIntervalSeconds(int checkpointIntervalSeconds) {
        this.checkpointIntervalSeconds = require(checkpointIntervalSeconds, 0, 86_400, "checkpoint.interval-seconds");
        return this;
    }

    public boolean isCheckpointCopyInMemory() {
        return checkpointCopyInMemory;
    }

    /**
     * Whether checkpoints copy the tables and the map files in memory, so that the business thread
     * pauses only for the copy (needs as much direct memory again as the tables and the map files),
     * or the business thread writes the tables and copies the map files through the page cache,
     * and pauses for that.
     */
    public EngineOptions setCheckpointCopyInMemory(boolean checkpointCopyInMemory) {
        this.checkpointCopyInMemory = checkpointCopyInMemory;
        return this;
    }

    public boolean isMembersWriteAhead() {
        return membersWriteAhead;
    }

    /**
     * Whether the journal's thread readies each command's member record for the write before the
     * business thread applies it ({@code WriteAhead}): worth it where the member map is so large
     * that most writes find their page cleaned by the kernel since the member's last write (at
     * 10M members the business step nearly doubles); where a page is written many times between
     * cleanings (1M members) it costs the business thread a few percent.
     */
    public EngineOptions setMembersWriteAhead(boolean membersWriteAhead) {
        this.membersWriteAhead = membersWriteAhead;
        return this;
    }

    private static int require(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }
}
