package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redemption, at once and in two steps (hold, then capture or void), through the Redemptions API of a real engine. */
class RedemptionsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;
    private int redemptions;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        member = byId(client.enrol(TestData.enrol().build()).getMemberId());
        client.purchase(TestData.purchase(member, 100_000).build()); // 1,000 points
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aRedemptionSpendsPointsAndTheHistoryShowsIt() {
        RedemptionReceipt receipt = ok(client.call(RedemptionsGrpcClient.Redeem, redeem(300)));

        assertEquals(300, receipt.getPointsRedeemed());
        assertEquals(700, receipt.getBalance());
        Balance balance = client.balance(member);
        assertEquals(700, balance.getAvailable());
        assertEquals(300, balance.getLifetimeRedeemed());
        assertEquals(MovementKind.MOVEMENT_KIND_REDEEMED, ok(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).build())).getMovements(0).getKind());
    }

    @Test
    void redeemingMoreThanIsAvailableIsRefusedAndChangesNothing() {
        Balance before = client.balance(member);

        GrpcTestClient.Reply<RedemptionReceipt> reply = client.call(RedemptionsGrpcClient.Redeem, redeem(1_001));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status());
        assertEquals(before, client.balance(member));
    }

    @Test
    void manyTillsRacingForOneMembersPointsNeverTakeItBelowZero() {
        // 300 redemptions of 7 points, all in flight at once, against 1,000 points: exactly 142 succeed.
        List<Future<GrpcTestClient.Reply<RedemptionReceipt>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(client.callAsync(RedemptionsGrpcClient.Redeem, redeem(7)));
        }
        int succeeded = 0;
        int refused = 0;
        for (Future<GrpcTestClient.Reply<RedemptionReceipt>> call : calls) {
            GrpcTestClient.Reply<RedemptionReceipt> reply = GrpcTestClient.await(call);
            if (reply.status() == GrpcStatus.OK) {
                succeeded++;
                assertTrue(reply.value().getBalance() >= 0, reply.value().toString());
            } else {
                assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status(), reply.message());
                refused++;
            }
        }

        assertEquals(142, succeeded);
        assertEquals(158, refused);
        assertEquals(1_000 - 142 * 7, client.balance(member).getAvailable());
    }

    @Test
    void aRetryHasOneEffectAndTheSameAnswer() {
        RedeemRequest once = redeem(100);

        RedemptionReceipt first = ok(client.call(RedemptionsGrpcClient.Redeem, once));
        RedemptionReceipt retry = ok(client.call(RedemptionsGrpcClient.Redeem, once));

        assertEquals(first, retry);
        assertEquals(900, client.balance(member).getAvailable());
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(RedemptionsGrpcClient.Redeem,
                once.toBuilder().setPoints(50).build()).status(), "the same event id for another redemption");
    }

    @Test
    void badRedemptionsAreRefusedNamingTheField() {
        assertInvalid(redeem(10).toBuilder().setEventId("").build(), "event_id");
        assertInvalid(redeem(10).toBuilder().clearMember().build(), "member");
        assertInvalid(redeem(10).toBuilder().setPartnerId("").build(), "partner_id");
        assertInvalid(redeem(10).toBuilder().clearOccurredAt().build(), "occurred_at");
        assertInvalid(redeem(0), "points");
        assertInvalid(redeem(-5), "points");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(RedemptionsGrpcClient.Redeem,
                redeem(10).toBuilder().setMember(byId(999)).build()).status());
        assertEquals(1_000, client.balance(member).getAvailable());
    }

    @Test
    void aHoldKeepsPointsAsideAndACaptureTakesPartAndReleasesTheRest() {
        HoldReceipt held = ok(client.call(RedemptionsGrpcClient.Hold, hold("till-7-sale-1", 300, 600)));
        assertEquals(300, held.getPointsHeld());
        assertEquals(700, held.getBalance());
        assertEquals(700, client.balance(member).getAvailable(), "held points are not available");

        RedemptionReceipt captured = ok(client.call(RedemptionsGrpcClient.Capture, capture("till-7-sale-1", 200)));

        assertEquals(200, captured.getPointsRedeemed());
        assertEquals(800, captured.getBalance(), "the other 100 are released");
        assertEquals(200, client.balance(member).getLifetimeRedeemed());
    }

    @Test
    void aRetriedHoldAnswersAsTheFirstAndHoldsOnce() {
        HoldRequest request = hold("till-7-sale-1", 300, 600);
        HoldReceipt first = ok(client.call(RedemptionsGrpcClient.Hold, request));

        HoldReceipt retry = ok(client.call(RedemptionsGrpcClient.Hold, request));

        assertEquals(first, retry);
        assertEquals(700, client.balance(member).getAvailable());
    }

    @Test
    void heldPointsCannotBeSpentTwice() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold("till-7-sale-1", 900, 600)));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Redeem, redeem(200)).status());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Hold,
                hold("till-8-sale-1", 200, 600)).status());
        assertEquals(100, client.balance(member).getAvailable());
    }

    @Test
    void aVoidReleasesTheHoldAndAClosedHoldCannotBeCapturedOrVoidedAgain() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold("till-7-sale-1", 300, 600)));

        HoldReceipt voided = ok(client.call(RedemptionsGrpcClient.VoidHold, voidHold("till-7-sale-1")));

        assertEquals(0, voided.getPointsHeld());
        assertEquals(1_000, voided.getBalance());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.VoidHold,
                voidHold("till-7-sale-1")).status(), "voiding twice");
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Capture,
                capture("till-7-sale-1", 0)).status(), "capturing a voided hold");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(RedemptionsGrpcClient.Capture,
                capture("no-such-hold", 0)).status());
        assertEquals(1_000, client.balance(member).getAvailable());
    }

    @Test
    void aHoldWhoseTimeToLivePassedReleasesItsPointsAndCannotBeCaptured() {
        // Held at a till an hour before the engine's clock (its start tick), for 60 s: expired in engine time.
        ok(client.call(RedemptionsGrpcClient.Hold, hold("till-7-sale-1", 300, 60).toBuilder()
                .setOccurredAt(TestData.timestamp(Instant.now().minusSeconds(3_600))).build()));

        assertEquals(1_000, client.balance(member).getAvailable());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Capture,
                capture("till-7-sale-1", 0)).status());
    }

    @Test
    void capturingMoreThanTheHoldHoldsIsRefusedAndChangesNothing() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold("till-7-sale-1", 300, 600)));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Capture,
                capture("till-7-sale-1", 301)).status());
        assertEquals(700, client.balance(member).getAvailable());
        assertEquals(300, ok(client.call(RedemptionsGrpcClient.Capture, capture("till-7-sale-1", 0))).getPointsRedeemed(),
                "the hold is still open and captures whole");
    }

    @Test
    void badHoldsAndCapturesAreRefusedNamingTheField() {
        assertEquals(GrpcStatus.INVALID_ARGUMENT, client.call(RedemptionsGrpcClient.Hold, hold("h", 10, 0)).status());
        GrpcTestClient.Reply<HoldReceipt> ttl = client.call(RedemptionsGrpcClient.Hold, hold("h", 10, 86_401));
        assertTrue(ttl.message().contains("ttl_seconds"), ttl.message());
        GrpcTestClient.Reply<RedemptionReceipt> noHold = client.call(RedemptionsGrpcClient.Capture,
                capture("x", 0).toBuilder().setHoldId("").build());
        assertEquals(GrpcStatus.INVALID_ARGUMENT, noHold.status());
        assertTrue(noHold.message().contains("hold_id"), noHold.message());
        assertEquals(1_000, client.balance(member).getAvailable());
    }

    private HoldRequest hold(String holdId, long points, int ttlSeconds) {
        return HoldRequest.newBuilder()
                .setEventId(holdId)
                .setMember(member)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(Instant.now()))
                .setPoints(points)
                .setTtlSeconds(ttlSeconds)
                .build();
    }

    private CaptureRequest capture(String holdId, long points) {
        return CaptureRequest.newBuilder()
                .setEventId("capture-" + ++redemptions)
                .setHoldId(holdId)
                .setMember(member)
                .setOccurredAt(TestData.timestamp(Instant.now()))
                .setPoints(points)
                .build();
    }

    private VoidHoldRequest voidHold(String holdId) {
        return VoidHoldRequest.newBuilder()
                .setEventId("void-" + ++redemptions)
                .setHoldId(holdId)
                .setMember(member)
                .setOccurredAt(TestData.timestamp(Instant.now()))
                .build();
    }

    private void assertInvalid(RedeemRequest request, String field) {
        GrpcTestClient.Reply<RedemptionReceipt> reply = client.call(RedemptionsGrpcClient.Redeem, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().contains(field), reply.message());
    }

    private RedeemRequest redeem(long points) {
        return RedeemRequest.newBuilder()
                .setEventId("redeem-" + ++redemptions)
                .setMember(member)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60)))
                .setPoints(points)
                .build();
    }
}
