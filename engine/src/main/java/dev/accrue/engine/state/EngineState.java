package dev.accrue.engine.state;

import java.io.File;

/** All the engine's persisted state, opened together from one data directory. */
public final class EngineState implements AutoCloseable {
    public static final String MEMBERS_FILE = "members.cm3";
    public static final String IDENTITIES_FILE = "identities.cm3";
    public static final String COUNTERS_FILE = "counters.bin";
    /** Members may have a card, an e-shop id and a phone each. */
    private static final int IDENTITIES_PER_MEMBER = 3;

    private final MemberStore members;
    private final IdentityStore identities;
    private final EngineCounters counters;

    public EngineState(MemberStore members, IdentityStore identities, EngineCounters counters) {
        this.members = members;
        this.identities = identities;
        this.counters = counters;
    }

    public static EngineState open(File dataDirectory, long memberCapacity) {
        ChronicleSettings.apply();
        if (!dataDirectory.isDirectory() && !dataDirectory.mkdirs()) {
            throw new IllegalStateException("cannot create data directory " + dataDirectory);
        }
        MemberStore members = ChronicleMemberStore.open(new File(dataDirectory, MEMBERS_FILE), memberCapacity);
        IdentityStore identities = ChronicleIdentityStore.open(new File(dataDirectory, IDENTITIES_FILE),
                memberCapacity * IDENTITIES_PER_MEMBER);
        EngineCounters counters = EngineCounters.open(new File(dataDirectory, COUNTERS_FILE));
        return new EngineState(members, identities, counters);
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

    @Override
    public void close() {
        members.close();
        identities.close();
        counters.close();
    }
}
