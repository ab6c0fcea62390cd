package dev.accrue.engine.app;

import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccrueEngineTest {
    @TempDir
    Path dataDirectory;

    /** TCP ports this process listens on, from /proc (Linux). */
    private static Set<Integer> listeningPorts() throws IOException {
        Set<String> ownSockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownSockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // the descriptor closed while listing
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean listening = f[3].equals("0A");
                if (listening && ownSockets.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void withARandomPortEveryEventLoopServesTheReportedPort() throws Exception {
        Set<Integer> before = listeningPorts();
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setEventLoops(2))) {
            Set<Integer> opened = listeningPorts();
            opened.removeAll(before);

            assertNotEquals(0, engine.grpcPort());
            assertEquals(Set.of(engine.grpcPort()), opened,
                    "both event loops' servers share the one port the engine reports, none listens elsewhere");
        }
    }

    @Test
    void aConfiguredPortIsTheReportedPort() throws Exception {
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setGrpcPort(free));
             GrpcTestClient client = new GrpcTestClient(free)) {
            assertEquals(free, engine.grpcPort());
            long member = client.enrol(enrol().build()).getMemberId();
            assertEquals(member, client.balance(byId(member)).getMemberId());
        }
    }

    @Test
    void aPortAlreadyInUseFailsTheStartAndReleasesTheDataDirectory() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            EngineOptions options = TestEngines.options(dataDirectory).setGrpcPort(taken.getLocalPort());

            assertThrows(Exception.class, () -> AccrueEngine.start(options).close());
        }

        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(1, client.enrol(enrol().build()).getMemberId(), "the data directory opens again, empty");
        }
    }

    /** Vert.x instances alive in this process: each runs one blocked-thread checker. */
    private static long vertxInstances() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("vertx-blocked-thread-checker")).count();
    }

    @Test
    void aStartThatRecoveryRefusesClosesTheVertxItCreatedMeanwhile() throws Exception {
        // Vert.x is created while recovery runs; a state this version cannot read stops recovery.
        Path oldLog = dataDirectory.resolve("state/ledger/movements.log");
        Files.createDirectories(oldLog.getParent());
        Files.writeString(oldLog, "a movement log of the first format");
        long before = vertxInstances();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AccrueEngine.start(TestEngines.options(dataDirectory)).close());

        assertTrue(refused.getMessage().contains("earlier format"), refused.getMessage());
        for (int i = 0; i < 100 && vertxInstances() > before; i++) {
            Thread.sleep(50); // a closed Vert.x's timer thread ends just after the close returns
        }
        long after = vertxInstances(); // an earlier test's Vert.x may end meanwhile: fewer is fine
        assertTrue(after <= before, "no Vert.x left running: " + before + " before the start, " + after + " after");
        Files.delete(oldLog);
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(1, client.enrol(enrol().build()).getMemberId(), "the data directory was released");
        }
    }

    @Test
    void aSecondEngineOnTheSameDataDirectoryIsRefusedWhileTheFirstRunsAndStartsOnceItHasStopped() throws Exception {
        try (AccrueEngine first = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(first.grpcPort())) {
            long member = client.enrol(enrol().build()).getMemberId();

            DataDirectoryInUseException refused = assertThrows(DataDirectoryInUseException.class,
                    () -> AccrueEngine.start(TestEngines.options(dataDirectory)).close());

            assertTrue(refused.getMessage().contains(dataDirectory.toAbsolutePath().toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("in use by another engine"), refused.getMessage());
            assertEquals(member, client.balance(byId(member)).getMemberId(), "the first engine serves on");
        }
        try (AccrueEngine second = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(second.grpcPort())) {
            assertEquals(2, client.enrol(enrol().build()).getMemberId(), "the first engine's member is there");
        }
    }

    @Test
    void withWritesReadiedAheadEveryPurchaseLandsOnItsMemberAndSurvivesARestart() throws Exception {
        // members.write-ahead: the journal's thread readies each purchase's member record for the
        // write while the business thread applies the commands before it.
        EngineOptions options = TestEngines.options(dataDirectory).setMembersWriteAhead(true);
        long[] members = new long[20];
        try (AccrueEngine engine = AccrueEngine.start(options);
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            for (int i = 0; i < members.length; i++) {
                members[i] = client.enrol(enrol().build()).getMemberId();
            }
            for (int round = 1; round <= 5; round++) {
                for (int i = 0; i < members.length; i++) {
                    client.purchase(dev.accrue.engine.testing.TestData.purchase(byId(members[i]), 1_000L * (i + 1)).build());
                }
            }
            for (int i = 0; i < members.length; i++) {
                assertEquals(5 * 10L * (i + 1), client.balance(byId(members[i])).getAvailable(), "member " + i);
            }
        }
        try (AccrueEngine engine = AccrueEngine.start(options);
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            for (int i = 0; i < members.length; i++) {
                assertEquals(5 * 10L * (i + 1), client.balance(byId(members[i])).getAvailable(), "after a restart, member " + i);
            }
        }
    }

    @Test
    void optionsChangedAfterStartDoNotAffectTheRunningEngine() throws Exception {
        EngineOptions options = TestEngines.options(dataDirectory);
        try (AccrueEngine engine = AccrueEngine.start(options);
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            options.setProgramFile(TestPrograms.write(dataDirectory.resolveSibling("generous.json"),
                    TestPrograms.baseOnly().clearBaseEarn().addBaseEarn(TestPrograms.rate("EUR", 5, 1)).build()));

            long member = client.enrol(enrol().build()).getMemberId();
            assertEquals(10, client.purchase(dev.accrue.engine.testing.TestData.purchase(byId(member), 1_000).build())
                    .getPointsEarned(), "still 1 point per 100 cents");
        }
    }
}
