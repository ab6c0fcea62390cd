package dev.accrue.engine.state;

import java.io.File;

/** All the engine's persisted state, opened together from one data directory. */
public final class EngineState implements AutoCloseable {
    public static final String MEMBERS_FILE = "members.cm3";
    public static final String IDENTITIES_FILE = "identities.cm3";
    public static final String COUNTERS_FILE = "counters.bin";
    public static final String APPLIED_EVENTS_FILE = "applied-events.table";
    public static final String PROGRAMS_FILE = "programs.bin";
    public static final String PURCHASES_FILE = "purchases.table";
    /** In a subdirectory: checkpoints copy the files of state/ only, and the log is never copied. */
    public static final String MOVEMENT_LOG = "ledger/movements.log";
    /** Beside the movement log, and like it never copied by a checkpoint. */
    public static final String AUDIT_LOG = "ledger/audit.log";
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

    public EngineState(MemberStore members, IdentityStore identities, EngineCounters counters,
                       AppliedEventStore appliedEvents, ProgramStore programs, PurchaseIndex purchases,
                       MovementLog movements, AuditLog audit) {
        this.members = members;
        this.identities = identities;
        this.counters = counters;
        this.appliedEvents = appliedEvents;
        this.programs = programs;
        this.purchases = purchases;
        this.movements = movements;
        this.audit = audit;
    }

    public static EngineState open(File dataDirectory, long memberCapacity, long eventIdCapacity) {
        return open(dataDirectory, memberCapacity, eventIdCapacity, DEFAULT_PURCHASE_CAPACITY);
    }

    public static EngineState open(File dataDirectory, long memberCapacity, long eventIdCapacity,
                                   long purchaseCapacity) {
        ChronicleSettings.apply();
        if (!dataDirectory.isDirectory() && !dataDirectory.mkdirs()) {
            throw new IllegalStateException("cannot create data directory " + dataDirectory);
        }
        // Capacities are fixed when the state is created: a Chronicle Map keeps its size, so a
        // larger configured value must not let the engine write past it. New state (a new data
        // directory, or one rebuilt after a crash) takes the configured values.
        EngineCounters counters = EngineCounters.open(new File(dataDirectory, COUNTERS_FILE));
        long members = counters.memberCapacity(memberCapacity);
        MemberStore memberStore = ChronicleMemberStore.open(new File(dataDirectory, MEMBERS_FILE), members);
        IdentityStore identities = ChronicleIdentityStore.open(new File(dataDirectory, IDENTITIES_FILE),
                members * IDENTITIES_PER_MEMBER, members);
        // A purchase probes both tables by its event id: paired, both probes land in one block.
        OffHeapAppliedEventStore.Pair tables = OffHeapAppliedEventStore.openPair(
                new File(dataDirectory, APPLIED_EVENTS_FILE), counters.eventIdCapacity(eventIdCapacity),
                new File(dataDirectory, PURCHASES_FILE), counters.purchaseCapacity(purchaseCapacity));
        AppliedEventStore appliedEvents = tables.first();
        ProgramStore programs = ProgramStore.open(new File(dataDirectory, PROGRAMS_FILE));
        PurchaseIndex purchases = new PurchaseIndex(tables.second());
        MovementLog movements = MovementLog.open(new File(dataDirectory, MOVEMENT_LOG), counters.movementLogLength());
        AuditLog audit = AuditLog.open(new File(dataDirectory, AUDIT_LOG), counters.auditLogLength());
        return new EngineState(memberStore, identities, counters, appliedEvents, programs, purchases, movements,
                audit);
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

    /** Every program version applied, in order. */
    public ProgramStore programs() {
        return programs;
    }

    /** Brings every state file up to date with the state in memory: a checkpoint copies them next. */
    public void persist() {
        appliedEvents.persist();
        purchases.persist();
        movements.flush();
        movements.force();
        audit.force();
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
    }
}
