package dev.accrue.engine.app;

import dev.accrue.engine.journal.FsyncPolicy;
import dev.accrue.engine.pipeline.WaitStrategyKind;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link EngineOptions} from a properties file and {@code --key=value} command-line
 * overrides (the same keys). Unknown keys and bad values stop the start with a message naming the
 * key: a typo must not silently run the engine on a default.
 *
 * <p>Command line: {@code [--config=FILE] [--key=value ...]}.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    public static EngineOptions fromArgs(String... args) {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
                throw new IllegalArgumentException("arguments look like --key=value, not '" + arg + "'");
            }
            String key = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            if (key.equals("config")) {
                file = Path.of(value);
            } else {
                overrides.put(key, value);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (file != null) {
            settings.putAll(read(file));
        }
        settings.putAll(overrides);
        return apply(settings, new EngineOptions());
    }

    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, properties.getProperty(k).trim()));
        return settings;
    }

    /** Applies settings over {@code options}. */
    public static EngineOptions apply(Map<String, String> settings, EngineOptions options) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue();
            try {
                applyOne(key, value, options);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration " + key + "=" + value + ": " + e.getMessage(), e);
            }
        }
        return options;
    }

    private static void applyOne(String key, String value, EngineOptions options) {
        switch (key) {
            case "grpc.host" -> options.setGrpcHost(value);
            case "grpc.port" -> options.setGrpcPort(Integer.parseInt(value));
            case "grpc.event-loops" -> options.setEventLoops(Integer.parseInt(value));
            case "grpc.max-message-bytes" -> options.setMaxMessageBytes(Integer.parseInt(value));
            case "data.dir" -> options.setDataDirectory(Path.of(value));
            case "members.capacity" -> options.setMemberCapacity(Long.parseLong(value));
            case "members.write-ahead" -> options.setMembersWriteAhead(parseBoolean(value));
            case "ring.size" -> options.setRingSize(Integer.parseInt(value));
            case "ring.wait-strategy" -> options.setWaitStrategy(WaitStrategyKind.parse(value));
            case "stream.window-events" -> options.setStreamWindowEvents(Integer.parseInt(value));
            case "program.file" -> options.setProgramFile(value.isEmpty() ? null : Path.of(value));
            case "demo.seed-members" -> options.setSeedDemoMembers(parseBoolean(value));
            case "journal.fsync" -> options.setJournalFsync(FsyncPolicy.parse(value));
            case "journal.segment-bytes" -> options.setJournalSegmentBytes(Long.parseLong(value));
            case "idempotency.capacity" -> options.setEventIdCapacity(Long.parseLong(value));
            case "idempotency.retention-days" -> options.setEventIdRetentionDays(Integer.parseInt(value));
            case "returns.capacity" -> options.setPurchaseCapacity(Long.parseLong(value));
            case "returns.retention-days" -> options.setPurchaseRetentionDays(Integer.parseInt(value));
            case "clock.tick-millis" -> options.setClockTickMillis(Long.parseLong(value));
            case "checkpoint.interval-seconds" -> options.setCheckpointIntervalSeconds(Integer.parseInt(value));
            case "checkpoint.copy-in-memory" -> options.setCheckpointCopyInMemory(parseBoolean(value));
            default -> throw new IllegalArgumentException("unknown key; known keys: " + KNOWN_KEYS);
        }
    }

    private static final List<String> KNOWN_KEYS = List.of("grpc.host", "grpc.port", "grpc.event-loops",
            "grpc.max-message-bytes", "data.dir", "members.capacity", "members.write-ahead", "ring.size",
            "ring.wait-strategy", "stream.window-events", "program.file", "demo.seed-members",
            "journal.fsync", "journal.segment-bytes", "idempotency.capacity", "idempotency.retention-days",
            "returns.capacity", "returns.retention-days",
            "clock.tick-millis", "checkpoint.interval-seconds", "checkpoint.copy-in-memory");

    private static boolean parseBoolean(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }
}
