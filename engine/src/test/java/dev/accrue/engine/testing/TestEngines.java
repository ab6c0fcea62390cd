package dev.accrue.engine.testing;

import dev.accrue.engine.app.EngineOptions;
import dev.accrue.loyalty.v1.Program;

import java.nio.file.Path;

/**
 * Engine options for tests: loopback, a random port, a temporary data directory, no demo members,
 * small tables, and no periodic clock ticks or checkpoints (the engine still ticks once at start).
 */
public final class TestEngines {
    /** Small enough to create quickly, large enough for every test. */
    public static final long TEST_MEMBER_CAPACITY = 20_000;
    /** Event ids the tests' idempotency tables hold (the default sizes a 1 GB file). */
    public static final long TEST_EVENT_ID_CAPACITY = 300_000;

    private TestEngines() {
    }

    /** Also writes the base-only test program beside the data directory and points the engine at it. */
    public static EngineOptions options(Path dataDirectory) {
        return options(dataDirectory, TestPrograms.baseOnly().build());
    }

    /**
     * As {@link #options(Path)} with another program file: the engine applies it at every start
     * (a program applied through the API since would be replaced by it at a restart).
     */
    public static EngineOptions options(Path dataDirectory, Program program) {
        Path file = TestPrograms.write(dataDirectory.toAbsolutePath().resolveSibling(
                dataDirectory.getFileName() + "-program.json"), program);
        return new EngineOptions()
                .setProgramFile(file)
                .setGrpcHost("127.0.0.1")
                .setGrpcPort(0)
                .setDataDirectory(dataDirectory)
                .setMemberCapacity(TEST_MEMBER_CAPACITY)
                .setEventIdCapacity(TEST_EVENT_ID_CAPACITY)
                .setPurchaseCapacity(TEST_EVENT_ID_CAPACITY)
                .setClockTickMillis(0)
                .setCheckpointIntervalSeconds(0)
                .setSeedDemoMembers(false);
    }
}
