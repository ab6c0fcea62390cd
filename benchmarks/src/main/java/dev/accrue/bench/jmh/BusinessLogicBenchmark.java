package dev.accrue.bench.jmh;

import dev.accrue.engine.app.EngineOptions;
import dev.accrue.engine.command.CommandFingerprint;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.AppliedEvent;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.pipeline.DurableSequence;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.pipeline.Prefetch;
import dev.accrue.engine.pipeline.WriteAhead;
import dev.accrue.engine.rules.InvalidProgramException;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramCompiler;
import dev.accrue.engine.state.ChronicleMemberStore;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.OffHeapAppliedEventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The business-logic step against the bare store it sits on, side by side in one run:
 *
 * <ul>
 *   <li>{@link #loyaltyProcessor}: one PURCHASE through {@link LoyaltyProcessor#process} for a
 *       random member and a new event id under {@link RealisticProgram}: look the event id up in the
 *       idempotency table, read the record, settle its lots, evaluate every rule, credit the lot, count
 *       tier progress, write the record back, remember the event id with its
 *       reply, copy the balance into the slot.</li>
 *   <li>{@link #loyaltyProcessorInBatches}: the same purchases {@value #BATCH} at a time, as the
 *       business stage takes a batch from the ring under load: what they will touch loaded ahead
 *       ({@link Prefetch}), then each applied. {@link #loyaltyProcessorInBatchesUnprefetched}: the
 *       same without the loads ahead.</li>
 *   <li>{@link #loyaltyProcessorAsStaged}: the business thread's share of the purchases as the
 *       engine runs them under load: slots filled and stamped ({@link CommandFingerprint#stamp}) by
 *       the publishing thread before the measurement, as the event loops do it, and their members'
 *       records readied for the write by a thread beside it ({@link ReadyingThread}) with
 *       {@code -Daccrue.bench.writeAhead=true}, as the journal's thread does with the engine's
 *       {@code members.write-ahead=true} ({@link WriteAhead}), then
 *       {@value #STAGED} of them applied in windows of {@value #BATCH}, each loaded ahead.</li>
 *   <li>{@link #writesReadiedAhead}: the journal thread's readying alone, what it costs that
 *       thread a purchase.</li>
 *   <li>{@link #loadsAhead}: the staged method's loads ahead alone, nothing applied: what the
 *       window's misses cost ({@link Prefetch}), to tune the loads by.</li>
 *   <li>{@link #rawChronicleRmw}: the same member's record read with getUsing and written back with
 *       a query-context replaceValue on a Chronicle Map of the same layout, nothing else.</li>
 *   <li>{@link #rawChronicleRmwAsStaged}: the same, {@value #STAGED} members at a time whose
 *       entries are readied for the write by a thread beside it, as the staged method's are
 *       (with {@code -Daccrue.bench.writeAhead=true}).</li>
 *   <li>{@link #memberStoreRmw}: the same through the engine's {@code ChronicleMemberStore}, which
 *       writes a record of unchanged size back where its read found it: one lookup, not two.</li>
 *   <li>{@link #rawRmwWithEventIdProbe}: the raw read-modify-write plus the least that exactly-once
 *       adds to any purchase: hash its new event id, look it up in an idempotency table as large as
 *       the engine's (a miss, as for every new id) and remember it there. No rules, no history, no
 *       returns index: the ceiling on what the engine's ratio to raw can be on this machine.</li>
 * </ul>
 *
 * The ratio of the first two is what the engine adds on top of its member storage; since the exactly-once
 * work, that includes a lookup and an insert in the idempotency table per purchase. Members are enrolled by
 * writing records straight into the store (not through the ring), so that setting up ten million
 * takes seconds, not minutes. No method allocates: run with {@code -prof gc} and expect
 * {@code gc.alloc.rate.norm} of about 0 B/op.
 *
 * <p>The fork ({@link ChronicleFork}) runs with a 512 MiB heap on purpose: members live off-heap,
 * so the heap must not grow with them, and the 10M case proves it by fitting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BusinessLogicBenchmark extends ChronicleFork {
    /** Random member ids to cycle through: 4M ints (16 MiB), far more than any cache holds. */
    private static final int ID_COUNT = 1 << 22;
    private static final int ID_MASK = ID_COUNT - 1;
    /**
     * Every purchase has a new event id; the idempotency table and the index of returnable
     * purchases must hold all of a fork's (about 16 s at up to 700k/s). 2 GiB of direct memory each.
     */
    private static final long EVENT_ID_CAPACITY = 12_000_000;
    /** Purchases per ring batch in {@link #loyaltyProcessorInBatches}. */
    private static final int BATCH = 16;
    /** Purchases per invocation of {@link #loyaltyProcessorAsStaged}: enough to make its per-invocation set-up's timestamps negligible. */
    private static final int STAGED = 4 * BATCH;
    /** How far ahead of the purchases applied {@link ReadyingThread} readies records: a few ring batches. */
    private static final int READY_LEAD = 4 * STAGED;
    private static final String EVENT_ID_PREFIX = "store-0001/till-01/receipt-";
    private static final long ENROLLED_AT = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    /** 42.99 EUR: 42 points at the default 1/100 rate. */
    private static final long TOTAL_MINOR = 4_299;
    private static final long POINTS = 42;
    private static final long PURCHASED_AT = ENROLLED_AT + 7 * 86_400_000L + 14 * 3_600_000L; // Thu 2026-01-08 15:00 Prague
    private static final long PURCHASE_EXPIRES_AT = expiresAt(PURCHASED_AT);

    /**
     * {@code -Daccrue.bench.placed=true}: every engine method starts with each member read once, as
     * in an engine that has served each since its start (see benchmarks/README.md §1). At 10M
     * members most purchases of a fork are otherwise their member's first since the set-up's
     * writes, read through the map's lookup and not loaded ahead.
     */
    private static final boolean PLACED = Boolean.getBoolean("accrue.bench.placed");

    /**
     * {@code -Daccrue.bench.writeAhead=true}: the staged methods' members are readied for their
     * writes by a thread beside the measured one ({@link ReadyingThread}), as the journal's thread
     * readies them in an engine run with {@code members.write-ahead=true} ({@link WriteAhead}).
     * Without it (the engine's default) the measured thread's writes fault where the system
     * cleaned the page since.
     */
    private static final boolean WRITE_AHEAD = Boolean.getBoolean("accrue.bench.writeAhead");

    @Param({"1000000", "10000000"})
    public long members;


    private Path dir;
    private EngineState state;
    private LoyaltyProcessor processor;
    private CommandSlot slot;
    /** For {@link #loyaltyProcessorInBatches}: a ring batch's slots, each with an event id of its own. */
    private CommandSlot[] batch;
    private Prefetch prefetch;
    /** For {@link #writesReadiedAhead}: the journal thread's work, measured. */
    private WriteAhead journalsWriteAhead = WriteAhead.NONE;
    /** For the staged methods: the journal's thread beside the measured one, readying its members' records; null if none. */
    private ReadyingThread readying;
    private final CommandSlot[] window = new CommandSlot[BATCH];
    private final StringBuilder eventId = new StringBuilder(EVENT_ID_PREFIX);
    private long sequence;
    /** For the methods without the engine: {@link RawMemberMap}, or for {@link #memberStoreRmw} the engine's store alone. */
    private MemberStore bare;
    private final MemberRecord rawRecord = new MemberRecord();
    /** For {@link #rawRmwWithEventIdProbe}: the engine's tables, opened as the engine opens them. */
    private OffHeapAppliedEventStore.Pair eventIdTables;
    private final AppliedEvent applied = new AppliedEvent();
    private int[] ids;
    private int next;
    /** Purchases the engine refused: must stay 0, or the figure measures refusals. */
    private long refused;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        long started = System.nanoTime();
        ids = randomIds(members);
        dir = DiskUsage.createTempDirectory("accrue-jmh-");
        // Each @Benchmark method gets its own trial (and fork): build only the store it measures.
        boolean engine = params.getBenchmark().contains(".loyaltyProcessor") || params.getBenchmark().endsWith(".loadsAhead")
                || params.getBenchmark().endsWith(".writesReadiedAhead");
        boolean engineStore = params.getBenchmark().endsWith(".memberStoreRmw");
        if (engine) {
            setUpEngine();
            journalsWriteAhead = processor.writeAhead();
            if (params.getBenchmark().endsWith(".loadsAhead") || params.getBenchmark().endsWith(".writesReadiedAhead")
                    || PLACED) {
                placeEveryEntry(); // as the purchases that read them do
            }
        } else {
            File file = dir.resolve("raw-members.cm3").toFile();
            bare = engineStore ? ChronicleMemberStore.open(file, members) : RawMemberMap.create(file, members);
            MemberRecord record = new MemberRecord();
            for (long id = 1; id <= members; id++) {
                bare.write(id, established(record, id));
            }
        }
        if (params.getBenchmark().endsWith(".rawRmwWithEventIdProbe")) {
            eventIdTables = OffHeapAppliedEventStore.openPair(dir.resolve("applied-events.table").toFile(),
                    EVENT_ID_CAPACITY, dir.resolve("purchases.table").toFile(), EVENT_ID_CAPACITY);
        }
        if (WRITE_AHEAD && params.getBenchmark().endsWith("AsStaged")) {
            MemberStore store = bare;
            WriteAhead journals = engine ? journalsWriteAhead : slot -> store.prepareWrite(slot.memberId);
            CommandSlot ahead = purchaseSlot();
            readying = new ReadyingThread(ids, READY_LEAD, id -> {
                ahead.memberId = id;
                journals.ready(ahead);
            }).start(next);
        }
        double setupSeconds = (System.nanoTime() - started) / 1e9;

        long offHeap = engine ? state.members().offHeapBytes() : bare.offHeapBytes();
        Path file = dir.resolve(engine ? EngineState.MEMBERS_FILE : "raw-members.cm3");
        long disk = DiskUsage.allocatedBytes(file);
        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%nSETUP store=%s members=%d offHeapBytesPerMember=%.1f diskBytesPerMember=%.1f "
                        + "heapUsedMB=%.1f setupSeconds=%.1f%s%n",
                engine ? "engine" : engineStore ? "memberStore" : "raw", members, (double) offHeap / members, (double) disk / members,
                heapUsed / 1048576.0, setupSeconds,
                engine ? String.format(" identitiesFileDiskMB=%.1f",
                        DiskUsage.allocatedBytes(dir.resolve(EngineState.IDENTITIES_FILE)) / 1048576.0) : "");
    }

    private void setUpEngine() {
        state = EngineState.open(dir.toFile(), members, EVENT_ID_CAPACITY, EVENT_ID_CAPACITY);
        state.programs().append(0, RealisticProgram.build().toByteArray());
        processor = new LoyaltyProcessor(state, DurableSequence.ALL,
                EngineOptions.DEFAULT_EVENT_ID_RETENTION_DAYS * 86_400_000L, Checkpointer.NONE);
        // Written after the processor exists, so that each member's quiet time is kept as the
        // purchase that made the lot kept it: a member's next purchase then finds it unchanged.
        MemberStore store = state.members();
        MemberRecord record = new MemberRecord();
        for (long id = 1; id <= members; id++) {
            store.write(id, established(record, id));
        }
        state.counters().memberCount(members);
        slot = purchaseSlot();
        slot.eventId = eventId;
        batch = new CommandSlot[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = purchaseSlot();
            batch[i].eventId = new StringBuilder(EVENT_ID_PREFIX);
        }
        prefetch = processor.prefetch();
        // One warm call, checked, so a broken setup fails here and not as a fast no-op benchmark.
        slot.memberId = 1;
        nextEvent(slot);
        processor.process(slot);
        if (slot.result != ResultCode.OK || slot.pointsEarned <= POINTS) {
            throw new IllegalStateException("purchase did not apply: " + slot.result + ", " + slot.pointsEarned);
        }
    }

    /** Reads every member once, so that the store knows where each entry lies, as after a member's first purchase. */
    private void placeEveryEntry() {
        MemberRecord record = new MemberRecord();
        for (long id = 1; id <= members; id++) {
            state.members().read(id, record);
        }
    }

    /**
     * A member as most are when they buy: enrolled, bought before, holding points in the lot that
     * this quarter's purchases also go to. (A first purchase also grows the record by a lot, which
     * makes Chronicle move the entry: that is the first purchase's cost, not the steady one.)
     */
    private static MemberRecord established(MemberRecord record, long id) {
        record.enrol(ENROLLED_AT, id);
        record.purchaseCount = 1;
        PointLots.credit(record, 100, 0, PURCHASE_EXPIRES_AT);
        return record;
    }

    /**
     * A purchase as the gRPC stage leaves it in the ring: three lines, EUR, POS, on a Thursday
     * afternoon; the lines' categories have a multiplier, a per-unit bonus and promotions.
     */
    private static CommandSlot purchaseSlot() {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.partnerId = "partner-01";
        slot.storeId = "store-0001";
        slot.channel = 1;
        slot.occurredAtMillis = PURCHASED_AT;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = TOTAL_MINOR;
        slot.paymentMethod = 1;
        slot.lineCount = 3;
        slot.lineSku[0] = "SKU-00001";
        slot.lineCategory[0] = RealisticProgram.category(4);
        slot.lineQuantity[0] = 1;
        slot.lineAmountMinor[0] = 2_999;
        slot.lineSku[1] = "SKU-00002";
        slot.lineCategory[1] = RealisticProgram.category(7);
        slot.lineQuantity[1] = 2;
        slot.lineAmountMinor[1] = 800;
        slot.lineSku[2] = "SKU-00003";
        slot.lineCategory[2] = "no-such-category";
        slot.lineQuantity[2] = 1;
        slot.lineAmountMinor[2] = 500;
        return slot;
    }

    private static long expiresAt(long purchasedAt) {
        try {
            return ProgramCompiler.compile(RealisticProgram.build()).expiry().expiresAt(purchasedAt);
        } catch (InvalidProgramException e) {
            throw new IllegalStateException("the benchmark program is not valid: " + e.problems(), e);
        }
    }

    private static int[] randomIds(long members) {
        SplittableRandom random = new SplittableRandom(42);
        int[] ids = new int[ID_COUNT];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt((int) members);
        }
        return ids;
    }

    /** Outside the measurement: waits until the next {@code count} purchases' records are readied, if a thread readies them. */
    private void readyingThrough(int count) {
        if (readying != null) {
            readying.applying(next, next + count);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (readying != null) {
            readying.close(); // before the stores close
            readying = null;
        }
        if (refused > 0) {
            throw new IllegalStateException(refused + " purchases were refused: the figure is not of applied purchases");
        }
        if (state != null) {
            // What the history costs the disk: the log takes every purchase's EARNED movement.
            System.out.printf("%nTEARDOWN purchases=%d movementLogBytesPerPurchase=%.1f%n", sequence,
                    (double) state.movements().length() / sequence);
            state.close();
            state = null;
        }
        if (bare != null) {
            bare.close();
            bare = null;
        }
        eventIdTables = null; // direct memory, freed when collected; not saved: nothing needs the files
        DiskUsage.deleteRecursively(dir);
    }

    /** One purchase through the business logic; returns the new balance so nothing is optimised away. */
    @Benchmark
    public long loyaltyProcessor() {
        CommandSlot s = slot;
        s.memberId = ids[next++ & ID_MASK];
        nextEvent(s);
        processor.process(s);
        if (s.result != ResultCode.OK) {
            refused++;
        }
        return s.available;
    }

    /**
     * {@value #BATCH} purchases as the business stage takes a batch of them from the ring under
     * load: what they will touch loaded first ({@link Prefetch}), then each applied.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long loyaltyProcessorInBatches() {
        return applyBatch(true);
    }

    /** {@link #loyaltyProcessorInBatches} without the loads ahead: what {@link Prefetch} gains. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long loyaltyProcessorInBatchesUnprefetched() {
        return applyBatch(false);
    }

    private long applyBatch(boolean prefetching) {
        CommandSlot[] slots = batch;
        for (CommandSlot s : slots) {
            s.memberId = ids[next++ & ID_MASK];
            s.sequence = ++sequence;
            StringBuilder id = (StringBuilder) s.eventId;
            id.setLength(EVENT_ID_PREFIX.length());
            id.append(sequence);
        }
        if (prefetching) {
            prefetch.window(slots, BATCH);
        }
        long available = 0;
        for (CommandSlot s : slots) {
            processor.process(s);
            if (s.result != ResultCode.OK) {
                refused++;
            }
            available += s.available;
        }
        return available;
    }

    /**
     * {@value #STAGED} purchases as the event loops leave them in the ring, made before each
     * invocation of {@link #loyaltyProcessorAsStaged} and outside its measurement: the member and a
     * new event id in each slot, then the slot stamped with its hashes. A state of its own, so that
     * its per-invocation set-up is not run around the other methods.
     */
    @State(Scope.Benchmark)
    public static class StagedPurchases {
        final CommandSlot[] slots = new CommandSlot[STAGED];

        public StagedPurchases() {
            for (int i = 0; i < STAGED; i++) {
                slots[i] = purchaseSlot();
                slots[i].eventId = new StringBuilder(EVENT_ID_PREFIX);
            }
        }

        @Setup(Level.Invocation)
        public void stage(BusinessLogicBenchmark b) {
            b.readyingThrough(STAGED);
            for (CommandSlot s : slots) {
                s.memberId = b.ids[b.next++ & ID_MASK];
                s.sequence = ++b.sequence;
                StringBuilder id = (StringBuilder) s.eventId;
                id.setLength(EVENT_ID_PREFIX.length());
                id.append(b.sequence);
                CommandFingerprint.stamp(s);
            }
        }
    }

    /**
     * The business thread's share of {@value #STAGED} purchases: in windows of {@value #BATCH},
     * what they touch loaded ahead, then each applied, as the stage does with a ring batch. The
     * hashing is done ({@link StagedPurchases}), as the event loops do it in the engine.
     */
    @Benchmark
    @OperationsPerInvocation(STAGED)
    public long loyaltyProcessorAsStaged(StagedPurchases staged) {
        CommandSlot[] slots = staged.slots;
        CommandSlot[] w = window;
        long available = 0;
        for (int first = 0; first < STAGED; first += BATCH) {
            System.arraycopy(slots, first, w, 0, BATCH);
            prefetch.window(w, BATCH);
            for (int i = 0; i < BATCH; i++) {
                CommandSlot s = w[i];
                processor.process(s);
                if (s.result != ResultCode.OK) {
                    refused++;
                }
                available += s.available;
            }
        }
        return available;
    }

    /**
     * {@link #loyaltyProcessorAsStaged}'s loads ahead alone, nothing applied: what bringing a
     * window's entries, slots and addresses into the cache costs, to tune {@link Prefetch} by.
     * (Nothing is written, so the event ids stay new and the members where they were.)
     */
    @Benchmark
    @OperationsPerInvocation(STAGED)
    public long loadsAhead(StagedPurchases staged) {
        CommandSlot[] slots = staged.slots;
        CommandSlot[] w = window;
        for (int first = 0; first < STAGED; first += BATCH) {
            System.arraycopy(slots, first, w, 0, BATCH);
            prefetch.window(w, BATCH);
        }
        return prefetch.sink();
    }

    /**
     * The journal thread's share of {@value #STAGED} purchases in an engine run with
     * {@code members.write-ahead=true}, which {@link ReadyingThread} does beside
     * {@link #loyaltyProcessorAsStaged}: their members' records readied for the write
     * ({@link WriteAhead}). Nothing is written, so at 10M members a page is written to (faulted)
     * only as often as the system cleans it again, as when purchases follow.
     */
    @Benchmark
    @OperationsPerInvocation(STAGED)
    public long writesReadiedAhead(StagedPurchases staged) {
        WriteAhead ahead = journalsWriteAhead;
        for (CommandSlot s : staged.slots) {
            ahead.ready(s);
        }
        return staged.slots.length;
    }

    /**
     * As the journal stage hands a command over: the next sequence, and a new event id (written
     * into one reused builder, so the id costs no allocation and no retry is ever measured).
     */
    private void nextEvent(CommandSlot s) {
        s.sequence = ++sequence;
        eventId.setLength(EVENT_ID_PREFIX.length());
        eventId.append(sequence);
    }

    /**
     * {@value #STAGED} members for {@link #rawChronicleRmwAsStaged}, drawn before each invocation
     * and outside its measurement, their entries readied for the write by a thread beside it as
     * for {@link #loyaltyProcessorAsStaged} (with {@code -Daccrue.bench.writeAhead=true}).
     */
    @State(Scope.Benchmark)
    public static class StagedMembers {
        final long[] ids = new long[STAGED];

        @Setup(Level.Invocation)
        public void stage(BusinessLogicBenchmark b) {
            b.readyingThrough(STAGED);
            for (int i = 0; i < STAGED; i++) {
                ids[i] = b.ids[b.next++ & ID_MASK];
            }
        }
    }

    /**
     * {@link #rawChronicleRmw} staged as {@link #loyaltyProcessorAsStaged} is: with
     * {@code -Daccrue.bench.writeAhead=true}, the entries' pages readied for the write by a thread
     * beside it. Their ratio is then what the business logic costs on top of the store's
     * read-modify-write, the system's page faults left out of both.
     */
    @Benchmark
    @OperationsPerInvocation(STAGED)
    public long rawChronicleRmwAsStaged(StagedMembers staged) {
        long available = 0;
        for (long id : staged.ids) {
            available += readModifyWrite(id);
        }
        return available;
    }

    /** The same member's record read and written back, as the store does it, with no rules around it. */
    @Benchmark
    public long rawChronicleRmw() {
        return readModifyWrite();
    }

    /**
     * {@link #rawChronicleRmw} through the engine's member store: one lookup for the read, the
     * record written back in place (same size), as a purchase that adds to a lot it holds.
     */
    @Benchmark
    public long memberStoreRmw() {
        return readModifyWrite();
    }

    private long readModifyWrite() {
        return readModifyWrite(ids[next++ & ID_MASK]);
    }

    private long readModifyWrite(long id) {
        MemberRecord r = rawRecord;
        bare.read(id, r);
        r.available += POINTS;
        r.lifetimeEarned += POINTS;
        r.lastSequence++;
        bare.write(id, r);
        return r.available;
    }

    /** {@link #rawChronicleRmw} and one new event id looked up and remembered, as exactly-once needs. */
    @Benchmark
    public long rawRmwWithEventIdProbe() {
        long id = ids[next++ & ID_MASK];
        sequence++;
        eventId.setLength(EVENT_ID_PREFIX.length());
        eventId.append(sequence);
        OffHeapAppliedEventStore table = eventIdTables.first();
        long key = table.key(eventId);
        long check = table.check(eventId);
        if (table.find(key, check, applied)) {
            refused++; // a new id is never found: if it is, the figure is not of the miss
        }
        MemberRecord r = rawRecord;
        bare.read(id, r);
        r.available += POINTS;
        r.lifetimeEarned += POINTS;
        r.lastSequence = sequence;
        bare.write(id, r);
        applied.memberId = id;
        applied.balance = r.available;
        applied.sequence = sequence;
        table.remember(key, check, applied);
        return r.available;
    }
}
