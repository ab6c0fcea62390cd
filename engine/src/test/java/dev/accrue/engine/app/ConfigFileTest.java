package dev.accrue.engine.app;

import dev.accrue.engine.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfigFileTest {
    @TempDir
    Path directory;

    private Path file(String... lines) throws IOException {
        return Files.write(directory.resolve("accrue.properties"), java.util.List.of(lines));
    }

    private static void assertRefusedNaming(String key, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.fromArgs(args));
        assertTrue(e.getMessage().contains(key), () -> "message should name " + key + ": " + e.getMessage());
    }

    @Test
    void noArgumentsGiveTheDefaults() {
        EngineOptions options = ConfigFile.fromArgs();

        assertEquals(EngineOptions.DEFAULT_GRPC_PORT, options.getGrpcPort());
        assertEquals(EngineOptions.DEFAULT_DATA_DIRECTORY, options.getDataDirectory());
        assertEquals(EngineOptions.DEFAULT_RING_SIZE, options.getRingSize());
        assertNull(options.getProgramFile(), "the demo program");
        assertTrue(options.isSeedDemoMembers());
    }

    @Test
    void everyKeyInAFileIsApplied() throws IOException {
        Path config = file(
                "# a comment",
                "grpc.host=127.0.0.1",
                "grpc.port=7001",
                "grpc.event-loops=3",
                "grpc.max-message-bytes=2048",
                "data.dir=/var/lib/accrue",
                "members.capacity=5000",
                "ring.size=1024",
                "ring.wait-strategy=busy-spin",
                "stream.window-events=100",
                "program.file=  programs/coffee-club.json  ",
                "demo.seed-members=false");

        EngineOptions options = ConfigFile.fromArgs("--config=" + config);

        assertEquals("127.0.0.1", options.getGrpcHost());
        assertEquals(7001, options.getGrpcPort());
        assertEquals(3, options.getEventLoops());
        assertEquals(2048, options.getMaxMessageBytes());
        assertEquals(Path.of("/var/lib/accrue"), options.getDataDirectory());
        assertEquals(5000, options.getMemberCapacity());
        assertEquals(1024, options.getRingSize());
        assertEquals(WaitStrategyKind.BUSY_SPIN, options.getWaitStrategy());
        assertEquals(100, options.getStreamWindowEvents());
        assertEquals(Path.of("programs/coffee-club.json"), options.getProgramFile(), "values are trimmed");
        assertFalse(options.isSeedDemoMembers());
    }

    @Test
    void commandLineOverridesWinOverTheFile() throws IOException {
        Path config = file("grpc.port=7001", "ring.size=1024", "program.file=from-file.json");

        EngineOptions options = ConfigFile.fromArgs("--grpc.port=1", "--config=" + config, "--program.file=from-args.json");

        assertEquals(1, options.getGrpcPort());
        assertEquals(Path.of("from-args.json"), options.getProgramFile());
        assertEquals(1024, options.getRingSize(), "keys not overridden keep the file's value");
    }

    @Test
    void anEmptyProgramFileMeansTheDemoProgram() {
        assertNull(ConfigFile.fromArgs("--program.file=data.json", "--program.file=").getProgramFile());
    }

    @Test
    void theOldEarnRateKeysAreRefusedNow() {
        // Earn rates live in the program file since programs have tiers and rules.
        assertRefusedNaming("program.earn.EUR", "--program.earn.EUR=1/100");
    }

    @Test
    void unknownKeyOnTheCommandLineIsRefusedNamingIt() {
        assertRefusedNaming("grpc.prot", "--grpc.prot=9090");
    }

    @Test
    void unknownKeyInTheFileIsRefusedNamingIt() throws IOException {
        Path config = file("grpc.port=7001", "ring.sise=1024");

        assertRefusedNaming("ring.sise", "--config=" + config);
    }

    @ParameterizedTest
    @CsvSource({
            "grpc.port, abc",
            "grpc.port, 70000",
            "grpc.port, -1",
            "grpc.event-loops, 0",
            "grpc.max-message-bytes, 10",
            "members.capacity, 1e6",
            "members.capacity, 0",
            "ring.size, lots",
            "ring.size, 1000",
            "stream.window-events, 0",
            "demo.seed-members, yes",
    })
    void badValueIsRefusedNamingTheKey(String key, String value) {
        assertRefusedNaming(key, "--" + key + "=" + value);
    }

    @Test
    void badNumberInTheFileIsRefusedNamingTheKey() throws IOException {
        Path config = file("members.capacity=1_000_000");

        assertRefusedNaming("members.capacity", "--config=" + config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepy", "busy spin", "spin", ""})
    void badWaitStrategyIsRefusedNamingTheKey(String value) {
        assertRefusedNaming("ring.wait-strategy", "--ring.wait-strategy=" + value);
    }

    @ParameterizedTest
    @CsvSource({"blocking, BLOCKING", "PHASED, PHASED", "sleeping, SLEEPING", "yielding, YIELDING",
            "busy-spin, BUSY_SPIN", "busy_spin, BUSY_SPIN"})
    void waitStrategiesAreReadInAnyCase(String value, WaitStrategyKind expected) {
        assertEquals(expected, ConfigFile.fromArgs("--ring.wait-strategy=" + value).getWaitStrategy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc.port=1", "-grpc.port=1", "--grpc.port", "config"})
    void argumentsThatAreNotKeyValuePairsAreRefused(String arg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFile.fromArgs(arg));
        assertTrue(e.getMessage().contains(arg), e.getMessage());
    }

    @Test
    void aMissingConfigFileIsReportedWithItsPath() {
        Path missing = directory.resolve("nope.properties");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ConfigFile.fromArgs("--config=" + missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void theDocumentedConfigurationFileHoldsTheDefaults() {
        // The engine module runs its tests from engine/; the documented file is at the repository root.
        Path documented = Path.of("..", "config", "accrue.properties");
        assumeTrue(Files.exists(documented), "config/accrue.properties is not in this tree yet");

        EngineOptions fromFile = ConfigFile.fromArgs("--config=" + documented);
        EngineOptions defaults = new EngineOptions();

        assertEquals(defaults.getGrpcHost(), fromFile.getGrpcHost());
        assertEquals(defaults.getGrpcPort(), fromFile.getGrpcPort());
        assertEquals(defaults.getEventLoops(), fromFile.getEventLoops());
        assertEquals(defaults.getMaxMessageBytes(), fromFile.getMaxMessageBytes());
        assertEquals(defaults.getDataDirectory().normalize(), fromFile.getDataDirectory().normalize());
        assertEquals(defaults.getMemberCapacity(), fromFile.getMemberCapacity());
        assertEquals(defaults.getRingSize(), fromFile.getRingSize());
        assertEquals(defaults.getWaitStrategy(), fromFile.getWaitStrategy());
        assertEquals(defaults.getStreamWindowEvents(), fromFile.getStreamWindowEvents());
        assertEquals(defaults.getProgramFile(), fromFile.getProgramFile());
        assertEquals(defaults.isSeedDemoMembers(), fromFile.isSeedDemoMembers());
    }
}
