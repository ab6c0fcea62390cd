package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.byEmailHash;
import static dev.accrue.engine.testing.MemberRequests.capture;
import static dev.accrue.engine.testing.MemberRequests.card;
import static dev.accrue.engine.testing.MemberRequests.email;
import static dev.accrue.engine.testing.MemberRequests.emailHash;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Merging one member into another (one customer enrolled twice) over real gRPC. Anna survives;
 * Bob, with his card and e-mail, is merged into her. The program makes e-shop points pending for
 * 14 days and has a silver tier at 500 qualifying points.
 */
class MergeMembersTest {
    private static final String BOB_EMAIL = emailHash("bob@example.com");

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;
    private MemberRef bob;

    @BeforeEach
    void start() throws Exception {
        open();
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
        bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").setEmailHash(BOB_EMAIL).build()).getMemberId());
    }

    private void open() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory, TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(500))
                .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14))).build()));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void theSurvivorTakesOverTheMergedMembersPointsPendingPointsAndLifetimeTotals() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        client.purchase(TestData.purchase(bob, 5_000).setEventId("bob-web-1").setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(TestData.timestamp(Instant.now())).build());
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(bob, 20)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(bob, 5)));

        Member merged = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)));

        Balance balance = merged.getBalance();
        assertEquals(anna.getMemberId(), merged.getMemberId());
        assertEquals(300 + 200 - 20 + 5, balance.getAvailable());
        assertEquals(50, balance.getPending());
        assertEquals(550, balance.getLifetimeEarned());
        assertEquals(20, balance.getLifetimeRedeemed());
        assertEquals(5, balance.getLifetimeAdjusted());
        assertEquals(balance, client.balance(anna));
        assertEquals(1, client.member(anna).getMergedMembers());
    }

    @Test
    void theMergedMembersIdAndIdentitiesFindTheSurvivor() {
        buy(bob, "bob-1", 20_000);

        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, byCard("BOB-CARD"))));

        Member survivor = client.member(anna);
        assertEquals(List.of(card("ANNA-CARD"), card("BOB-CARD"), email(BOB_EMAIL)), survivor.getIdentitiesList());
        for (MemberRef old : List.of(bob, byCard("BOB-CARD"), byEmailHash(BOB_EMAIL))) {
            assertEquals(survivor, client.member(old), old.toString());
        }
        assertEquals(anna.getMemberId(), client.purchase(TestData.purchase(byCard("BOB-CARD"), 1_000).build()).getMemberId());
        assertEquals(210, client.balance(anna).getAvailable(), "the old card's purchase went to the survivor");
    }

    @Test
    void aHoldTheMergedMemberTookCanBeCapturedThroughTheSurvivor() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        ok(client.call(RedemptionsGrpcClient.Hold, hold(bob, "till-3-sale-1", 150)));

        assertEquals(350, ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance().getAvailable(),
                "the held points stay held");
        assertEquals(150, ok(client.call(RedemptionsGrpcClient.Capture, capture(anna, "till-3-sale-1", 0))).getPointsRedeemed());

        Balance balance = client.balance(anna);
        assertEquals(350, balance.getAvailable());
        assertEquals(150, balance.getLifetimeRedeemed());
    }

    @Test
    void theMergedMembersDebtIsPaidFromTheSurvivorsPoints() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 10_000);
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(bob, 100)));
        ok(client.call(PurchasesGrpcClient.RecordReturn, whole("bob-1")));
        assertEquals(100, client.balance(bob).getDebt());

        Balance balance = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance();

        assertEquals(200, balance.getAvailable());
        assertEquals(0, balance.getDebt());
    }

    @Test
    void aReturnOfTheMergedMembersPurchaseTakesItsPointsFromTheSurvivor() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)));

        var returned = ok(client.call(PurchasesGrpcClient.RecordReturn, whole("bob-1")));

        assertEquals(anna.getMemberId(), returned.getMemberId());
        assertEquals(200, returned.getPointsTaken());
        assertEquals(300, client.balance(anna).getAvailable());
    }

    @Test
    void combinedQualifyingTotalsReachATierNeitherMemberReachedAlone() {
        assertEquals(0, buy(anna, "anna-1", 30_000).getTier());
        assertEquals(0, buy(bob, "bob-1", 25_000).getTier());

        assertEquals(1, ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance().getTier(),
                "300 + 250 qualifying points reach silver at 500");
    }

    @Test
    void theSurvivorKeepsTheHigherTierOfTheTwo() {
        assertEquals(1, buy(bob, "bob-1", 60_000).getTier());

        assertEquals(1, ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance().getTier());
    }

    @Test
    void theSurvivorKeepsTheEarlierEnrolmentAndTakesABirthdayItLacked() {
        MemberRef early = byId(client.enrol(TestData.enrol().setEnrolledAt(TestData.timestamp(Instant.parse("2020-05-01T00:00:00Z")))
                .setBirthMonth(2).setBirthDay(29).build()).getMemberId());

        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, early)));

        Member survivor = client.member(anna);
        assertEquals(TestData.timestamp(Instant.parse("2020-05-01T00:00:00Z")), survivor.getEnrolledAt());
        assertEquals(2, survivor.getBirthMonth());
        assertEquals(29, survivor.getBirthDay());
    }

    @Test
    void aRetriedMergeAnswersAsTheFirstAndMergesOnce() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        MergeMembersRequest once = merge(anna, bob);

        Member first = ok(client.call(MemberAdminGrpcClient.MergeMembers, once));
        Member retry = ok(client.call(MemberAdminGrpcClient.MergeMembers, once));

        assertEquals(first, retry);
        assertEquals(500, client.balance(anna).getAvailable());
        assertEquals(1, client.auditLog().size());
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(MemberAdminGrpcClient.MergeMembers,
                once.toBuilder().setSurvivor(bob).setMerged(anna).build()).status());
    }

    @Test
    void aMergeSurvivesARestart() throws Exception {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)));
        Member before = client.member(anna);
        List<MemberMovement> history = client.history(anna);

        stop();
        open();

        assertEquals(before, client.member(byEmailHash(BOB_EMAIL)));
        assertEquals(history, client.history(bob));
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)).status());
    }

    private PurchaseReceipt buy(MemberRef member, String eventId, long totalMinor) {
        return client.purchase(TestData.purchase(member, totalMinor).setEventId(eventId).build());
    }

    private static Return whole(String purchaseEventId) {
        return Return.newBuilder().setEventId("return-" + purchaseEventId).setPurchaseEventId(purchaseEventId)
                .setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(3_600))).build();
    }
}
