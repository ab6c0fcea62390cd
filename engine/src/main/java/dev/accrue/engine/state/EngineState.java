package dev.accrue.engine.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ObjLongConsumer;

/** All the engine's persisted state, opened together from one data directory. */
public final class EngineState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineState.class);
    public static final String MEMBERS_FILE = "members.cm3";
    public static final String IDENTITIES_FILE = "identities.cm3";
    public static final String COUNTERS_FILE = "counters.bin";
    public static final String APPLIED_EVENTS_FILE = "applied-events.table";
    public static final String PROGRAMS_FILE = "programs.bin";
    public static final String PURCHASES_FILE = "purchases.table";
    /**
     * In a subdirectory: checkpoints copy the files of state/ only, and the log is never copied.
     * Named for its format, the second: compact movements (see {@code MovementCodec}).
     */
    public static final String MOVEMENT_LOG = "ledger/movements.v2.log";
    /** The movement log of fixed-width movements, which this version does not read. */
    private static final String FIRST_FORMAT_MOVEMENT_LOG = "ledger/movements.log";
    /** Beside the movement log, and like it never copied by a checkpoint. */
    public static final String AUDIT_LOG = "ledger/audit.log";
    /** Beside the movement log, and like it never copied by a checkpoint. */
    public static final String RECEIPT_LOG = "ledger/receipts.log";
    /**
     * The files the state replaces whole (a new file renamed over the old one) and never writes in
     * place: a checkpoint may share them with the state by hard link.
     */
    public static final List<String> REPLACED_WHOLE = List.of(APPLIED_EVENTS_FILE, PURCHASES_FILE, PROGRAMS_FILE);
    /**
     * The files a checkpoint writes from copies in memory ({@link #writeTableSnapshots}) rather than
     * copies from state/: while the engine runs, state/ holds them as of its start.
     */
    public static final List<String> TABLES = List.of(APPLIED_EVENTS_FILE, PURCHASES_FILE);
    /** The files a checkpoint copies in memory: every Chronicle map, and the members' quiet times, written in place. */
    private static final List<String> MAP_FILES = List.of(MEMBERS_FILE,
            ChronicleMemberStore.quietTimesFile(new File(MEMBERS_FILE)).getName(), IDENTITIES_FILE,
            ChronicleIdentityStore.memberFile(IDENTITIES_FILE));
    /** Purchases a test or tool gets when it does not say. */
    public static final long DEFAULT_PURCHASE_CAPACITY = 100_000;
    /** Members may have a card, an e-shop id, a phone and an e-mail each (and more, on average fewer). */
    private static final int IDENTITIES_PER_MEMBER = 4;

    private final MemberStore members;
    private final IdentityStore identities;
    private final EngineCounters counters;
    private final AppliedEventStore appliedEvents;
    private final ProgramStore programs;
    private final PurchaseIndex purchases;
    private final MovementLog movements;
    private final AuditLog audit;
    private final ReceiptLog receipts;
    /** Whether checkpoints copy the tables in memory: until the memory for it is refused. */
    private volatile boolean tableCopies = true;
    private final File directory;
    /** Memory for checkpoints' copies of the map files; null until prepared, or if there is none. */
    private MapFileCopies mapCopies;
    private boolean mapCopiesRefused;

    private EngineState(File directory, MemberStore members, IdentityStore identities, EngineCounters counters,
                        AppliedEventStore appliedEvents, ProgramStore programs, PurchaseIndex purchases,
                        MovementLog movements, AuditLog audit, ReceiptLog receipts) {
        this.directory = directory;
        this.members = members;
        this.identities = identities;
        this.counters = counters;
        this.appliedEvents = appliedEvents;
        this.programs = programs;
        this.purchases = purchases;
        this.movements = movements;
        this.audit = audit;
        this.receipts = receipts;
    }

    public static EngineState open(File dataDirectory, long memberCapacity, long eventIdCapacity) {
        return open(dataDirectory, memberCapacity, eventIdCapacity, DEFAULT_PURCHASE_CAPACITY);
    }

    public static EngineState open(File dataDirectory, long memberCapacity, long eventIdCapacity,
                                   long purchaseCapacity) {
        return open(dataDirectory, memberCapacity, eventIdCapacity, purchaseCapacity, (members, applied) -> { });
    }

    /**
     * Opens the state, telling {@code membersOpened} the member store and the last sequence the
     * state has applied as soon as the member map is open: while the tables are still loading, a
     * recovery can start readying what its replay will write.
     */
    public static EngineState open(File dataDirectory, long memberCapacity, long eventIdCapacity,
                                   long purchaseCapacity, ObjLongConsumer<MemberStore> membersOpened) {
        ChronicleSettings.apply();
        if (!dataDirectory.isDirectory() && !dataDirectory.mkdirs()) {
            throw new IllegalStateException("cannot create data directory " + dataDirectory);
        }
        if (new File(dataDirectory, FIRST_FORMAT_MOVEMENT_LOG).exists()) {
            throw new IllegalStateException(dataDirectory + " holds a movement log of an earlier format ("
                    + FIRST_FORMAT_MOVEMENT_LOG + "), which this version does not read: start on a new data directory");
        }
        // Capacities are fixed when the state is created: a Chronicle Map keeps its size, so a
        // larger configured value must not let the engine write past it. New state (a new data
        // directory, or one rebuilt after a crash) takes the configured values.
        long started = System.nanoTime(); // the times are for the log only: what a start spends where
        EngineCounters counters = EngineCounters.open(new File(dataDirectory, COUNTERS_FILE));
        long members = counters.memberCapacity(memberCapacity);
        TableLoader tables = TableLoader.start(new File(dataDirectory, APPLIED_EVENTS_FILE),
                counters.eventIdCapacity(eventIdCapacity), new File(dataDirectory, PURCHASES_FILE),
                counters.purchaseCapacity(purchaseCapacity));
        MemberStore memberStore = ChronicleMemberStore.open(new File(dataDirectory, MEMBERS_FILE), members);
        long memberMapOpened = System.nanoTime();
        membersOpened.accept(memberStore, counters.lastSequence());
        IdentityStore identities = ChronicleIdentityStore.open(new File(dataDirectory, IDENTITIES_FILE),
                members * IDENTITIES_PER_MEMBER, members);
        ProgramStore programs = ProgramStore.open(new File(dataDirectory, PROGRAMS_FILE));
        MovementLog movements = MovementLog.open(new File(dataDirectory, MOVEMENT_LOG), counters.movementLogLength());
        AuditLog audit = AuditLog.open(new File(dataDirectory, AUDIT_LOG), counters.auditLogLength());
        ReceiptLog receipts = ReceiptLog.open(new File(dataDirectory, RECEIPT_LOG), counters.receiptLogLength());
        long othersOpened = System.nanoTime();
        AppliedEventStore appliedEvents = tables.appliedEvents();
        PurchaseIndex purchases = tables.purchases();
        long tablesLoaded = System.nanoTime();
        LOG.info("opened the state in {} ms: member map {} ms, identity maps, programs and logs {} ms, then waited "
                        + "{} ms for the tables loaded beside them ({})", millis(tablesLoaded - started),
                millis(memberMapOpened - started), millis(othersOpened - memberMapOpened),
                millis(tablesLoaded - othersOpened), tables.times());
        return new EngineState(dataDirectory, memberStore, identities, counters, appliedEvents, programs, purchases,
                movements, audit, receipts);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    public MemberStore members() {
        return members;
    }

    public IdentityStore identities() {
        return identities;
    }

    public EngineCounters counters() {
        return counters;
    }

    public AppliedEventStore appliedEvents() {
        return appliedEvents;
    }

    /** Purchases that can still be returned. */
    public PurchaseIndex purchases() {
        return purchases;
    }

    /** Every member's history. */
    public MovementLog movements() {
        return movements;
    }

    /** Every admin change to a member. */
    public AuditLog audit() {
        return audit;
    }

    /** The whole replies of member changes, for their retries. */
    public ReceiptLog receipts() {
        return receipts;
    }

    /** Every program version applied, in order. */
    public ProgramStore programs() {
        return programs;
    }

    /**
     * Any thread, before the first checkpoint: allocates the memory checkpoints copy the tables
     * into (as much again as the tables), so that the first checkpoint need not. Without that
     * memory (the JVM's {@code -XX:MaxDirectMemorySize}), checkpoints write the tables on the
     * business thread instead, which then pauses for the write.
     */
    public void prepareCheckpoints() {
        try {
            appliedEvents.prepareSnapshot();
            purchases.prepareSnapshot();
        } catch (IllegalStateException e) {
            refuseTableCopies(e);
        }
        prepareMapCopies();
    }

    /**
     * Memory for the map files' copies ({@link MapFileCopies}), unless prepared already or the
     * tables are not copied either; without it, checkpoints copy the map files through the page cache.
     */
    private synchronized MapFileCopies prepareMapCopies() {
        if (mapCopies == null && tableCopies && !mapCopiesRefused) {
            try {
                mapCopies = MapFileCopies.prepare(MAP_FILES.stream().map(name -> new File(directory, name))
                        .toArray(File[]::new));
            } catch (IllegalStateException e) {
                mapCopiesRefused = true;
                LOG.warn("{}; checkpoints will copy the map files through the page cache, and the business thread pauses "
                        + "for that", e.getMessage());
            }
        }
        return tableCopies ? mapCopies : null;
    }

    /**
     * Business-logic thread, between two commands: copies the map files in memory if there is
     * memory for it (written into the checkpoint by {@link #writeMapCopies}); returns the names of
     * the files copied, which the caller need not copy otherwise.
     */
    public List<String> copyMapsForCheckpoint() throws IOException {
        MapFileCopies copies = prepareMapCopies();
        return copies == null ? List.of() : copies.copy();
    }

    /**
     * Any thread: writes the map files as {@link #copyMapsForCheckpoint} copied them into {@code
     * checkpoint}; returns the bytes written.
     */
    public long writeMapCopies(Path checkpoint) throws IOException {
        MapFileCopies copies;
        synchronized (this) {
            copies = mapCopies;
        }
        if (copies == null) {
            return 0;
        }
        copies.writeTo(checkpoint);
        return copies.bytesCopied();
    }

    /**
     * From now on checkpoints write the tables on the business thread and copy the map files
     * through the page cache (no copies in memory).
     */
    public void copyNothingInMemoryAtCheckpoints() {
        tableCopies = false;
    }

    private void refuseTableCopies(IllegalStateException why) {
        tableCopies = false;
        LOG.warn("{}; checkpoints will write the tables on the business thread, which pauses for it", why.getMessage());
    }

    /**
     * Business-logic thread, between two commands: the part of a checkpoint that needs the state to
     * hold still, besides copying the map files. Writes the movement log's buffers to its file and
     * copies the tables in memory (written into the checkpoint by {@link #writeTableSnapshots} on
     * another thread). Returns false if there is no memory for the copies: the caller then writes
     * the tables itself ({@link #writeTables}).
     */
    public boolean snapshotForCheckpoint(long sequence) {
        movements.flush();
        if (!tableCopies) {
            return false;
        }
        try {
            appliedEvents.snapshot(sequence);
            purchases.snapshot(sequence);
            return true;
        } catch (IllegalStateException e) {
            refuseTableCopies(e);
            return false;
        }
    }

    /** Any thread: writes the tables as {@link #snapshotForCheckpoint} copied them into {@code directory}. */
    public void writeTableSnapshots(Path directory) throws IOException {
        appliedEvents.writeSnapshot(directory.resolve(APPLIED_EVENTS_FILE));
        purchases.writeSnapshot(directory.resolve(PURCHASES_FILE));
    }

    /** Business-logic thread, between two commands: writes the tables as they are into {@code directory}. */
    public void writeTables(Path directory) throws IOException {
        appliedEvents.writeTo(directory.resolve(APPLIED_EVENTS_FILE));
        purchases.writeTo(directory.resolve(PURCHASES_FILE));
    }

    /**
     * Forces the logs a checkpoint records the lengths of (never copied, see {@link #MOVEMENT_LOG}),
     * so that they hold at least what the checkpoint says. Any thread: appends may go on meanwhile.
     */
    public void forceLogs() {
        movements.force();
        audit.force();
        receipts.force();
    }

    @Override
    public void close() {
        members.close();
        identities.close();
        counters.close();
        appliedEvents.close();
        purchases.close();
        movements.close();
        audit.close();
        receipts.close();
        synchronized (this) {
            if (mapCopies != null) {
                mapCopies.release();
                mapCopies = null;
            }
        }
    }
}
