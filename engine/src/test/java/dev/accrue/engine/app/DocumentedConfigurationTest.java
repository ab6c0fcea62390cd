package dev.accrue.engine.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config/accrue.properties documents the embedded defaults; the two must never drift apart. */
class DocumentedConfigurationTest {
    private static final Path DOCUMENTED = Path.of("..", "config", "accrue.properties");

    @Test
    void documentedFileStatesExactlyTheEmbeddedDefaults() {
        assertTrue(Files.isRegularFile(DOCUMENTED), "missing " + DOCUMENTED.toAbsolutePath());
        EngineOptions documented = ConfigFile.fromArgs("--config=" + DOCUMENTED);
        EngineOptions defaults = new EngineOptions();

        assertEquals(defaults.getGrpcHost(), documented.getGrpcHost());
        assertEquals(defaults.getGrpcPort(), documented.getGrpcPort());
        assertEquals(defaults.getEventLoops(), documented.getEventLoops());
        assertEquals(defaults.getMaxMessageBytes(), documented.getMaxMessageBytes());
        assertEquals(defaults.getDataDirectory().normalize(), documented.getDataDirectory().normalize());
        assertEquals(defaults.getMemberCapacity(), documented.getMemberCapacity());
        assertEquals(defaults.getRingSize(), documented.getRingSize());
        assertEquals(defaults.getWaitStrategy(), documented.getWaitStrategy());
        assertEquals(defaults.getStreamWindowEvents(), documented.getStreamWindowEvents());
        assertEquals(defaults.getProgramFile(), documented.getProgramFile());
        assertEquals(defaults.isSeedDemoMembers(), documented.isSeedDemoMembers());
        assertEquals(defaults.getJournalFsync(), documented.getJournalFsync());
        assertEquals(defaults.getJournalSegmentBytes(), documented.getJournalSegmentBytes());
        assertEquals(defaults.getEventIdCapacity(), documented.getEventIdCapacity());
        assertEquals(defaults.getEventIdRetentionDays(), documented.getEventIdRetentionDays());
        assertEquals(defaults.getPurchaseCapacity(), documented.getPurchaseCapacity());
        assertEquals(defaults.getPurchaseRetentionDays(), documented.getPurchaseRetentionDays());
        assertEquals(defaults.getClockTickMillis(), documented.getClockTickMillis());
        assertEquals(defaults.getCheckpointIntervalSeconds(), documented.getCheckpointIntervalSeconds());
        assertEquals(defaults.isCheckpointCopyInMemory(), documented.isCheckpointCopyInMemory());
        assertEquals(defaults.isMembersWriteAhead(), documented.isMembersWriteAhead());
    }

    @Test
    void everyDocumentedKeyIsOneTheEngineKnows() {
        // fromArgs refuses unknown keys, so reading the whole file proves every key is live.
        ConfigFile.read(DOCUMENTED).forEach((key, value) -> ConfigFile.fromArgs("--" + key + "=" + value));
    }
}
