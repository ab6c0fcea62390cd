package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.MemberRequests;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import dev.accrue.loyalty.v1.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.phone;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A till that timed out retries with the same event id: it must get the receipt it missed, whole
 * (pending points, tier, points by rule, debt), not the member as it stands by then, also after
 * the engine restarted. So must an admin or CRM system retrying a member change.
 */
class RetryReceiptsTest {
    /** A point per euro; silver from 50 points earns half as much again; e-shop points pend 14 days; debt shown beside the balance. */
    private static final Program PROGRAM = TestPrograms.baseOnly()
            .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(50).setEarnMultiplierBp(15_000))
            .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14)))
            .setReturnPolicy(ReturnPolicy.RETURN_POLICY_RECORD_DEBT)
            .build();

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory, PROGRAM));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aRetriedPurchaseGetsItsOriginalReceiptWhole() {
        Purchase webOrder = eshop("web-1", 60_00);
        PurchaseReceipt first = client.purchase(webOrder);
        assertEquals(1, first.getTier(), "60 points: silver");
        assertEquals(60, first.getPending());
        PurchaseReceipt later = client.purchase(eshop("web-2", 20_00));
        assertNotEquals(first.getPending(), later.getPending(), "the member moved on since");

        assertEquals(first, client.purchase(webOrder));
    }

    @Test
    void aRetriedReturnGetsItsOriginalReceiptWhole() {
        client.purchase(TestData.purchase(anna, 60_00).setEventId("shop-0").build()); // 60 points: silver
        client.purchase(TestData.purchase(anna, 40_00).setEventId("shop-1").build()); // 60 points as silver
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(anna, 100)));
        Return whole = returnOf("shop-1");
        ReturnReceipt first = ok(client.call(PurchasesGrpcClient.RecordReturn, whole));
        assertEquals(40, first.getDebt(), "20 points were left to take back");
        assertEquals(1, first.getTier(), "shop-0 keeps the member silver");
        client.purchase(TestData.purchase(anna, 30_00).setEventId("shop-2").build()); // pays the debt

        assertEquals(first, ok(client.call(PurchasesGrpcClient.RecordReturn, whole)));
    }

    @Test
    void aRetriedMemberChangeGetsItsFirstReplyWhole() {
        client.purchase(TestData.purchase(anna, 60_00).setEventId("shop-0").build());
        LinkIdentityRequest linkPhone = link(anna, phone("+420601123456"));
        Member linked = ok(client.call(MembersGrpcClient.LinkIdentity, linkPhone));
        AdjustPointsRequest goodwill = adjust(anna, 25);
        Balance adjusted = ok(client.call(MemberAdminGrpcClient.AdjustPoints, goodwill));
        assertEquals(2, linked.getIdentitiesCount());
        assertEquals(60, linked.getBalance().getAvailable());

        ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, MemberRequests.eshop("shop-anna"))));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, -10)));
        client.purchase(TestData.purchase(anna, 30_00).setEventId("shop-1").build());

        assertEquals(linked, ok(client.call(MembersGrpcClient.LinkIdentity, linkPhone)),
                "two identities and 60 points, as first answered");
        assertEquals(adjusted, ok(client.call(MemberAdminGrpcClient.AdjustPoints, goodwill)));
        assertEquals(3, client.member(anna).getIdentitiesCount(), "the retries changed nothing");
    }

    @Test
    void retriesAfterARestartStillGetTheOriginalReceipts() throws Exception {
        Purchase webOrder = eshop("web-1", 60_00);
        PurchaseReceipt bought = client.purchase(webOrder);
        Return partial = returnOf("web-1").toBuilder().setEventId("return-web-1").build();
        ReturnReceipt returned = ok(client.call(PurchasesGrpcClient.RecordReturn, partial));
        client.purchase(eshop("web-2", 20_00));
        SetMemberStatusRequest suspend = status(anna, MemberStatus.MEMBER_STATUS_SUSPENDED);
        Member suspended = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, suspend));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(anna, MemberStatus.MEMBER_STATUS_ACTIVE)));

        stop();
        engine = AccrueEngine.start(TestEngines.options(dataDirectory, PROGRAM));
        client = new GrpcTestClient(engine.grpcPort());

        assertEquals(bought, client.purchase(webOrder));
        assertEquals(returned, ok(client.call(PurchasesGrpcClient.RecordReturn, partial)));
        assertEquals(suspended, ok(client.call(MemberAdminGrpcClient.SetMemberStatus, suspend)));
    }

    private Purchase eshop(String eventId, long totalMinor) {
        return TestData.purchase(anna, totalMinor).setEventId(eventId).setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(TestData.timestamp(Instant.now())).build();
    }

    private static Return returnOf(String purchaseEventId) {
        return Return.newBuilder().setEventId("return-" + purchaseEventId).setPurchaseEventId(purchaseEventId)
                .setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60))).build();
    }
}
