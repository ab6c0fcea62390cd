package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.GetStateDigestRequest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One engine per data directory across processes: a second engine process on a directory in use
 * exits at once, saying why, and leaves the first serving; once the first is killed with SIGKILL
 * (no shutdown hook unlocks anything), the system has dropped its lock and the next one starts.
 */
class DataDirectoryLockTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private EngineProcess first;
    private EngineProcess second;
    private EngineProcess third;

    @AfterEach
    void tearDown() throws Exception {
        for (EngineProcess engine : new EngineProcess[] {first, second, third}) {
            if (engine != null && engine.alive()) {
                engine.kill();
            }
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSecondEngineProcessIsRefusedUntilTheFirstIsKilled() throws Exception {
        vertx = Vertx.vertx();
        Path data = dir.resolve("data");
        first = new EngineProcess(data, dir.resolve("first.log"));
        first.start();
        EngineClients toFirst = EngineClients.connect(vertx, first);
        long digest = toFirst.diagnostics().getStateDigest(GetStateDigestRequest.getDefaultInstance())
                .await(30, TimeUnit.SECONDS).getDigest();

        second = new EngineProcess(data, dir.resolve("second.log"));
        second.start();
        assertEquals(1, second.awaitExit(60), "the second engine exits at once:\n" + second.logTail());
        assertFalse(second.lastLogLine("is in use by another engine").isEmpty(), second.logTail());
        assertEquals(digest, toFirst.diagnostics().getStateDigest(GetStateDigestRequest.getDefaultInstance())
                .await(30, TimeUnit.SECONDS).getDigest(), "the first engine serves on, its state untouched");

        first.kill();
        third = new EngineProcess(data, dir.resolve("third.log"));
        third.start();
        EngineClients toThird = EngineClients.connect(vertx, third);
        assertEquals(digest, toThird.diagnostics().getStateDigest(GetStateDigestRequest.getDefaultInstance())
                .await(30, TimeUnit.SECONDS).getDigest(), "the directory opens again after a kill -9");
    }
}
