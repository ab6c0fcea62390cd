package dev.accrue.engine.crash;

import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Program;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The engine as a separate JVM (this test's classpath and module flags), to be killed for real. */
final class EngineProcess {
    private final Path dataDir;
    private final Path log;
    private final int port;
    private Process process;
    private Program program = TestPrograms.baseOnly().build();
    private boolean copyInMemory = true;

    EngineProcess(Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /**
     * The program file of the next start. The engine applies the file as a new version when it holds a
     * program the engine never had, so a test that applies programs keeps the file in step with them
     * (a change lost in a crash is then applied from the file, as the retry would).
     */
    void programFile(Program program) {
        this.program = program;
    }

    /** Whether the next start's checkpoints copy the tables and map files in memory (checkpoint.copy-in-memory). */
    void copyInMemory(boolean copyInMemory) {
        this.copyInMemory = copyInMemory;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        // A short-lived child on a shared 2-core machine: quick start matters more than peak speed.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.accrue.engine.app.AccrueMain");
        command.add("--grpc.port=" + port);
        command.add("--grpc.host=127.0.0.1");
        command.add("--data.dir=" + dataDir);
        command.add("--demo.seed-members=false");
        command.add("--members.capacity=20000");
        command.add("--idempotency.capacity=200000");
        command.add("--returns.capacity=200000");
        command.add("--clock.tick-millis=50");
        // Checkpoints during the run, so recovery restores one and cuts the movement log back to it.
        command.add("--checkpoint.interval-seconds=1");
        command.add("--checkpoint.copy-in-memory=" + copyInMemory);
        // Base earn only, so the client's model of balances is points per whole euro.
        command.add("--program.file=" + TestPrograms.write(dataDir.resolveSibling("crash-program.json"), program));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** SIGKILL: no shutdown hook, no flush, no clean marker. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the engine's shutdown hook closes it cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it still runs after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The engine log's last line containing {@code text}, or "". */
    String lastLogLine(String text) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains(text)) {
                    return lines.get(i);
                }
            }
            return "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
