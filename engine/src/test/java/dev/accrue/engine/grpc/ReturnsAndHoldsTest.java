package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.capture;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.voidHold;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A return against points held at a till, over real gRPC: the hold keeps its points, so the till's
 * capture still succeeds, and what the return cannot take from free points becomes debt, which the
 * points a void or a partial capture frees pay first. Anna earns 100 + 50 points and holds 120.
 */
class ReturnsAndHoldsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
        buy(anna, "anna-1", 10_000);
        buy(anna, "anna-2", 5_000);
        ok(client.call(RedemptionsGrpcClient.Hold, hold(anna, "till-1-sale-1", 120)));
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aReturnLeavesPointsHeldAtATillAndOwesWhatItCannotTake() {
        ReturnReceipt receipt = returnWhole("anna-1");

        assertEquals(100, receipt.getPointsTaken());
        assertEquals(0, receipt.getBalance());
        assertEquals(70, receipt.getDebt(), "30 free points taken, 70 owed: the 120 held stay");
        assertEquals(120, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 0)))
                .getPointsRedeemed(), "the till's capture still succeeds");
        assertBalance(0, 70, 0);
    }

    @Test
    void voidingTheHoldPaysTheDebtFromThePointsItFrees() {
        returnWhole("anna-1");

        ok(client.call(RedemptionsGrpcClient.VoidHold, voidHold(anna, "till-1-sale-1")));

        assertBalance(50, 0, 0);
    }

    @Test
    void aPartialCapturePaysTheDebtFromWhatItReleases() {
        returnWhole("anna-1");

        assertEquals(100, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 100)))
                .getPointsRedeemed());

        assertBalance(0, 50, 0);
    }

    @Test
    void aLaterPurchasePaysTheDebtWhileTheHoldStaysWhole() {
        returnWhole("anna-1");

        buy(anna, "anna-3", 9_000);

        assertBalance(20, 0, 120);
        assertEquals(120, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 0)))
                .getPointsRedeemed());
        assertBalance(20, 0, 0);
    }

    @Test
    void mergingAMemberInDebtIntoOneWithAHoldLeavesTheHeldPointsToTheTill() {
        MemberRef bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").build()).getMemberId());
        buy(bob, "bob-1", 3_000);
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(bob, 30)));
        assertEquals(30, returnWhole("bob-1").getDebt());

        Balance merged = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance();

        assertEquals(0, merged.getAvailable(), "Anna's 30 free points pay Bob's debt");
        assertEquals(0, merged.getDebt());
        assertEquals(120, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 0)))
                .getPointsRedeemed());
    }

    @Test
    void aMergedDebtLargerThanTheFreePointsIsOwedAndTheHoldStillCaptures() {
        MemberRef bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").build()).getMemberId());
        buy(bob, "bob-1", 9_000);
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(bob, 90)));
        assertEquals(90, returnWhole("bob-1").getDebt());

        Balance merged = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance();

        assertEquals(0, merged.getAvailable());
        assertEquals(60, merged.getDebt(), "90 owed, 30 paid by Anna's free points");
        assertEquals(120, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-1-sale-1", 0)))
                .getPointsRedeemed());
        assertBalance(0, 60, 0);
    }

    private void assertBalance(long available, long debt, long heldStill) {
        Balance balance = client.balance(anna);
        assertEquals(available, balance.getAvailable(), "available");
        assertEquals(debt, balance.getDebt(), "debt");
        assertEquals(available + heldStill - debt, balance.getLifetimeEarned() - balance.getLifetimeRedeemed(),
                "points held, available and owed add up to the points earned and not redeemed");
    }

    private ReturnReceipt returnWhole(String purchaseEventId) {
        return ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder()
                .setEventId("return-of-" + purchaseEventId).setPurchaseEventId(purchaseEventId)
                .setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60))).build()));
    }

    private void buy(MemberRef member, String eventId, long totalMinor) {
        client.purchase(TestData.purchase(member, totalMinor).setEventId(eventId).build());
    }
}
