package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
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
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Immediate redemption through the Redemptions API of a real engine. */
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
