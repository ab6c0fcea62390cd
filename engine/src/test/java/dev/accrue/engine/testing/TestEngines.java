package dev.accrue.engine.testing;

import dev.accrue.engine.app.EngineOptions;

import java.nio.file.Path;

/** Engine options for tests: loopback, a random port, a temporary data directory, no demo members. */
public final class TestEngines {
    /** Small enough to create quickly, large enough for every test. */
    public static final long TEST_MEMBER_CAPACITY = 20_000;

    private TestEngines() {
    }

    public static EngineOptions options(Path dataDirectory) {
        return new EngineOptions()
                .setGrpcHost("127.0.0.1")
                .setGrpcPort(0)
                .setDataDirectory(dataDirectory)
                .setMemberCapacity(TEST_MEMBER_CAPACITY)
                .setSeedDemoMembers(false);
    }
}
