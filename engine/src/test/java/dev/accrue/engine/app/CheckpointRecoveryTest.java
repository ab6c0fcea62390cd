package dev.accrue.engine.app;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.StateDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints: recovery from one equals replay from genesis, from the newer of two or, when that
 * recovery crashes too, from the older; old journal segments go.
 */
class CheckpointRecoveryTest {
    private static final long T0 = 1_790_000_000_000L;

    @TempDir
    Path dir;
    private Vertx vertx;
    private AccrueEngine engine;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void recoveryFromACheckpointGivesTheStateThatReplayFromGenesisGives() throws Exception {
        Path data = dir.resolve("data");
        engine = AccrueEngine.start(options(data));
        enrolMembers(5);
        purchases(0, 300);
        engine.checkpoint();
        purchases(300, 200);
        StateDigest before = digest();
        copyTree(data.resolve("journal"), dir.resolve("genesis").resolve("journal"));
        crash(data);

        engine = AccrueEngine.start(options(data));
        StateDigest fromCheckpoint = digest();
        engine.close();
        engine = AccrueEngine.start(options(dir.resolve("genesis")));
        StateDigest fromGenesis = digest();

        // Each start journals a clock tick, so only the last sequence moves on.
        assertEquals(before.getDigest(), fromCheckpoint.getDigest());
        assertEquals(before.getDigest(), fromGenesis.getDigest());
        assertEquals(5, fromCheckpoint.getMembers());
        assertEquals(before.getLastSequence() + 1, fromCheckpoint.getLastSequence());
    }

    @Test
    void purchasesAppliedWhileACheckpointIsMadeDurableAreReplayedOnceAfterACrash() throws Exception {
        Path data = dir.resolve("data");
        engine = AccrueEngine.start(options(data));
        enrolMembers(5);
        purchases(0, 2_000);
        long copiedAt = digest().getLastSequence();

        engine.startCheckpoint();
        purchases(2_000, 2_000); // while the copy is forced, as far as the disk is slow enough
        engine.awaitCheckpointDurable();
        purchases(4_000, 100);
        StateDigest before = digest();
        crash(data);
        engine = AccrueEngine.start(options(data));

        assertEquals(List.of(Long.toString(copiedAt)), names(data.resolve("checkpoints")));
        assertEquals(before.getDigest(), digest().getDigest());
        assertEquals(before.getLastSequence() + 1, digest().getLastSequence());
    }

    @ParameterizedTest(name = "copied in memory: {0}")
    @ValueSource(booleans = {true, false})
    void theTablesComeBackFromTheCheckpointWhetherCopiedInMemoryOrByTheBusinessThread(boolean copyInMemory)
            throws Exception {
        Path data = dir.resolve("data");
        engine = AccrueEngine.start(options(data).setCheckpointCopyInMemory(copyInMemory));
        enrolMembers(5);
        purchases(0, 2_000);
        PurchaseReceipt original = purchase(10); // a retry: answered from the idempotency table
        PurchaseReceipt toReturn = PurchasesGrpcClient.create(GrpcClient.client(vertx), address())
                .recordPurchase(purchaseRequest(5).toBuilder().setEventId("big").setTotalMinor(50_000)
                        .clearLines().addLines(line("SKU-TV", "electronics").toBuilder().setAmountMinor(50_000))
                        .build())
                .await(10, TimeUnit.SECONDS);
        engine.checkpoint();
        purchases(2_000, 100);
        StateDigest before = digest();
        crash(data);
        engine = AccrueEngine.start(options(data).setCheckpointCopyInMemory(copyInMemory));
        assertEquals(before.getDigest(), digest().getDigest());

        // Both came before the checkpoint: only its tables can know them after the replay.
        assertEquals(original, purchase(10));
        assertEquals(before.getDigest(), digest().getDigest(), "the retry had no second effect");
        ReturnReceipt taken = PurchasesGrpcClient.create(GrpcClient.client(vertx), address())
                .recordReturn(Return.newBuilder().setEventId("return-big").setPurchaseEventId("big")
                        .setPartnerId("partner").setStoreId("store-2")
                        .setOccurredAt(Timestamp.newBuilder().setSeconds(T0 / 1000 + 5_000)).build())
                .await(10, TimeUnit.SECONDS);
        assertTrue(toReturn.getPointsEarned() > 0, "the purchase earned points: " + toReturn);
        assertEquals(toReturn.getPointsEarned(), taken.getPointsTaken(), "the return took the purchase's points back");
    }

    @Test
    void aCheckpointDeletesTheJournalSegmentsItCovers() throws Exception {
        Path data = dir.resolve("data");
        engine = AccrueEngine.start(options(data));
        enrolMembers(5);
        // 1 MiB segments: 12,000 purchases with lines fill several.
        purchases(0, 12_000);
        long segmentsBefore = count(data.resolve("journal"));
        assertTrue(segmentsBefore >= 2, "segments before: " + segmentsBefore);
        StateDigest before = digest();

        engine.checkpoint();

        assertEquals(1, count(data.resolve("journal")), "only the segment being written remains");
        crash(data);
        engine = AccrueEngine.start(options(data));
        assertEquals(before.getDigest(), digest().getDigest());
    }

    @Test
    void aCrashWhileRecoveringFromTheNewerOfTwoCheckpointsFallsBackToTheOlderAndTheJournalAfterIt() throws Exception {
        Path data = dir.resolve("data");
        engine = AccrueEngine.start(options(data));
        enrolMembers(5);
        purchases(0, 4_000);
        engine.checkpoint();
        purchases(4_000, 4_000);
        engine.checkpoint();
        purchases(8_000, 200);
        StateDigest before = digest();
        assertEquals(2, count(data.resolve("checkpoints")));
        crash(data);

        // Adopts the newer checkpoint: only the older is left, and replay changes the adopted files.
        engine = AccrueEngine.start(options(data));
        StateDigest adopted = digest();
        assertEquals(1, count(data.resolve("checkpoints")));
        crash(data);
        engine = AccrueEngine.start(options(data));
        StateDigest fellBack = digest();

        assertEquals(before.getDigest(), adopted.getDigest());
        assertEquals(before.getDigest(), fellBack.getDigest());
        assertEquals(5, fellBack.getMembers());
    }

    /** Stops the engine, then removes the clean marker: the next start takes it for a crash. */
    private void crash(Path data) throws Exception {
        engine.close();
        engine = null;
        Files.delete(data.resolve("CLEAN"));
    }

    private EngineOptions options(Path data) {
        return new EngineOptions().setGrpcPort(0).setGrpcHost("127.0.0.1").setDataDirectory(data)
                .setSeedDemoMembers(false).setMemberCapacity(1_000).setEventIdCapacity(50_000)
                .setClockTickMillis(0).setCheckpointIntervalSeconds(0).setJournalSegmentBytes(1 << 20);
    }

    private SocketAddress address() {
        return SocketAddress.inetSocketAddress(engine.grpcPort(), "127.0.0.1");
    }

    private void enrolMembers(int count) throws Exception {
        MembersGrpcClient members = MembersGrpcClient.create(GrpcClient.client(vertx), address());
        for (int i = 1; i <= count; i++) {
            members.enrol(EnrolRequest.newBuilder().setEventId("enrol-" + i).setCardNumber("CARD-" + i)
                    .setEnrolledAt(Timestamp.newBuilder().setSeconds(T0 / 1000)).build()).await(10, TimeUnit.SECONDS);
        }
    }

    private void purchases(int from, int count) throws Exception {
        PurchasesGrpcClient purchases = PurchasesGrpcClient.create(GrpcClient.client(vertx), address());
        for (int chunk = from; chunk < from + count; chunk += 200) {
            List<Future<?>> calls = new ArrayList<>();
            for (int n = chunk; n < Math.min(chunk + 200, from + count); n++) {
                calls.add(purchases.recordPurchase(purchaseRequest(n)));
            }
            Future.all(calls).await(30, TimeUnit.SECONDS);
        }
    }

    private PurchaseReceipt purchase(int n) throws Exception {
        return PurchasesGrpcClient.create(GrpcClient.client(vertx), address()).recordPurchase(purchaseRequest(n))
                .await(10, TimeUnit.SECONDS);
    }

    private static Purchase purchaseRequest(int n) {
        return Purchase.newBuilder()
                .setEventId("p-" + n).setMember(MemberRef.newBuilder().setMemberId(1 + n % 5))
                .setPartnerId("partner").setStoreId("store-" + n % 3).setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(T0 / 1000 + n))
                .setCurrency("EUR").setTotalMinor(100 + n)
                .addLines(line("SKU-COFFEE-" + n, "groceries"))
                .addLines(line("SKU-MILK-" + n, "dairy"))
                .addLines(line("SKU-BREAD-" + n, "bakery")).build();
    }

    private static LineItem line(String sku, String category) {
        return LineItem.newBuilder().setSku(sku).setCategory(category).setQuantity(1).setAmountMinor(50).build();
    }

    private StateDigest digest() throws Exception {
        return DiagnosticsGrpcClient.create(GrpcClient.client(vertx), address())
                .getStateDigest(GetStateDigestRequest.getDefaultInstance()).await(30, TimeUnit.SECONDS);
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long count(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
