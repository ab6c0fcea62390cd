package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.app.EngineOptions;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
import dev.accrue.loyalty.v1.StateDigest;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.Wallet;
import io.vertx.grpc.common.ServiceMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.ADMIN;
import static dev.accrue.engine.testing.MemberRequests.ADMIN_AT;
import static dev.accrue.engine.testing.MemberRequests.REASON;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.capture;
import static dev.accrue.engine.testing.MemberRequests.emailHash;
import static dev.accrue.engine.testing.MemberRequests.eshop;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.phone;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.MemberRequests.unlink;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_ACTIVE;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_CLOSED;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_SUSPENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After a crash the engine rebuilds its state from the journal (after the latest checkpoint, if
 * any): every member change (identities, statuses, adjustments, wallets, merges) replays to the
 * same members, identities, histories and audit log, and the same state digest; and a retry of
 * each member change still gets its first reply whole.
 */
class MemberReplayTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private final MemberRef anna = byId(1);
    private final MemberRef bob = byId(2);
    private final MemberRef carl = byId(3);
    /** Each member change sent, and a call that retries it and returns the reply. */
    private final List<SentChange> changes = new ArrayList<>();

    private record SentChange(Object firstReply, Supplier<Object> retry) {
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            client.close();
            engine.close();
        }
    }

    @Test
    void aCrashReplaysEveryMemberChangeToTheSameState() throws Exception {
        open();
        enrolAndShop();
        changeMembers();
        Snapshot before = snapshot();

        crash();
        open();

        assertEquals(before, snapshot());
        everyRetryGetsItsFirstReply();
    }

    @Test
    void aCrashAfterACheckpointRestoresItAndReplaysTheRestToTheSameState() throws Exception {
        open();
        enrolAndShop();
        engine.checkpoint();
        changeMembers();
        Snapshot before = snapshot();

        crash();
        open();

        assertEquals(before, snapshot());
        everyRetryGetsItsFirstReply();
    }

    private void everyRetryGetsItsFirstReply() {
        for (SentChange change : changes) {
            assertEquals(change.firstReply(), change.retry().get());
        }
    }

    /** Sends a member change and keeps its reply, to retry it after the crash. */
    private <Req, Resp> void change(ServiceMethod<Resp, Req> method, Req request) {
        Resp first = ok(client.call(method, request));
        changes.add(new SentChange(first, () -> ok(client.call(method, request))));
    }

    /** Every answer a replay must rebuild; the digest's last sequence moves on with each start's clock tick. */
    private record Snapshot(long digest, long members, List<Object> answers) {
    }

    private Snapshot snapshot() {
        StateDigest digest = ok(client.call(DiagnosticsGrpcClient.GetStateDigest, GetStateDigestRequest.getDefaultInstance()));
        List<Object> answers = new ArrayList<>();
        for (MemberRef member : List.of(anna, bob, carl)) {
            answers.add(client.member(member));
            answers.add(client.history(member, 3));
        }
        answers.add(client.auditLog());
        return new Snapshot(digest.getDigest(), digest.getMembers(), answers);
    }

    private void enrolAndShop() {
        client.enrol(TestData.enrolWithCard("ANNA-CARD").setEmailHash(emailHash("anna@example.com")).build());
        client.enrol(TestData.enrolWithCard("BOB-CARD").setPhone("+420601000002").setBirthMonth(5).setBirthDay(17).build());
        client.enrol(TestData.enrolWithCard("CARL-CARD").build());
        client.purchase(TestData.purchase(anna, 30_000).setEventId("anna-1").build());
        client.purchase(TestData.purchase(bob, 60_000).setEventId("bob-1").build());
        client.purchase(TestData.purchase(bob, 4_000).setEventId("bob-web-1").setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(TestData.timestamp(Instant.now())).build());
        client.purchase(TestData.purchase(carl, 7_000).setEventId("carl-1").build());
    }

    private void changeMembers() {
        change(MembersGrpcClient.LinkIdentity, link(anna, eshop("shop-anna")));
        change(MembersGrpcClient.UnlinkIdentity, unlink(bob, phone("+420601000002")));
        change(MembersGrpcClient.LinkIdentity, link(carl, phone("+420601000002")));
        change(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 50));
        change(MemberAdminGrpcClient.AdjustPoints, adjust(bob, -25));
        change(MemberAdminGrpcClient.AdjustPoints, adjust(bob, "car-wash", 10));
        change(MemberAdminGrpcClient.AdjustPoints, adjust(carl, "car-wash", 4));
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(bob, 2).toBuilder().setWallet("car-wash").build()));
        ok(client.call(RedemptionsGrpcClient.Hold, hold(bob, "till-1-sale-1", 30)));
        change(MemberAdminGrpcClient.SetMemberStatus, status(carl, MEMBER_STATUS_SUSPENDED));
        change(MemberAdminGrpcClient.SetMemberStatus, status(carl, MEMBER_STATUS_ACTIVE));
        change(MemberAdminGrpcClient.SetTierFloor, SetTierFloorRequest.newBuilder().setEventId("floor-1")
                .setMember(anna).setTier(1).setUntil(TestData.timestamp(ADMIN_AT.plusSeconds(86_400 * 30)))
                .setAdmin(ADMIN).setReason(REASON).build());
        change(MemberAdminGrpcClient.MergeMembers, merge(anna, bob));
        ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 20)));
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(anna, 100)));
        ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder().setEventId("return-1")
                .setPurchaseEventId("bob-1").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(ADMIN_AT.plusSeconds(60))).build()));
        change(MemberAdminGrpcClient.SetMemberStatus, status(carl, MEMBER_STATUS_CLOSED));
    }

    private void open() throws Exception {
        EngineOptions options = TestEngines.options(dataDirectory, TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(500))
                .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14)))
                .addWallets(Wallet.newBuilder().setId("car-wash").setName("Car wash pass").setUnit("washes")).build());
        engine = AccrueEngine.start(options);
        client = new GrpcTestClient(engine.grpcPort());
    }

    /** Stops the engine, then removes the clean marker: the next start takes it for a crash. */
    private void crash() throws Exception {
        client.close();
        engine.close();
        engine = null;
        Files.delete(dataDirectory.resolve("CLEAN"));
    }
}
