package dev.accrue.engine.testing;

import dev.accrue.engine.journal.FsyncPolicy;
import dev.accrue.engine.journal.JournalHandler;
import dev.accrue.engine.journal.JournalWriter;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.pipeline.DurableSequence;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.state.EngineState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pipelines assembled by hand in tests: a real journal (page cache only) and the business logic. */
public final class TestPipelines {
    public static final long EVENT_ID_CAPACITY = 10_000;
    public static final long RETENTION_MILLIS = 7 * 86_400_000L;

    private TestPipelines() {
    }

    /** The state, with the base-only test program installed if it has none. */
    public static EngineState state(Path directory, long memberCapacity) {
        EngineState state = EngineState.open(directory.resolve("state").toFile(), memberCapacity, EVENT_ID_CAPACITY);
        if (state.programs().versions().isEmpty()) {
            TestPrograms.install(state, TestPrograms.baseOnly().build());
        }
        return state;
    }

    public static JournalHandler journal(Path directory) {
        try {
            Path journal = Files.createDirectories(directory.resolve("journal"));
            return new JournalHandler(JournalWriter.open(journal, 0, 1 << 20, FsyncPolicy.NEVER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoyaltyProcessor processor(EngineState state, DurableSequence journal) {
        return new LoyaltyProcessor(state, journal, RETENTION_MILLIS, Checkpointer.NONE);
    }
}
