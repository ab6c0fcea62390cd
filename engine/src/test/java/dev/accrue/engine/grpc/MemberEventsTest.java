package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.EventStream;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.EventKind;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.RulePoints;
import dev.accrue.loyalty.v1.SubscribeRequest;
import dev.accrue.loyalty.v1.Tier;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MemberEvents/Subscribe against a real engine on a random port: the backlog, then events as they
 * happen; resuming after a disconnect or a restart from the last sequence, with nothing lost or
 * repeated; what the events tell; bad cursors.
 */
class MemberEventsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;
    private int purchases;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        member = byId(client.enrol(TestData.enrol().build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void theBacklogComesFirstThenEventsAsTheyHappen() {
        List<String> bought = buy(3);
        EventStream events = client.subscribe(from(0));

        List<MemberEvent> backlog = events.take(3);
        List<String> later = buy(2);
        List<MemberEvent> live = events.take(2);

        assertEquals(bought, eventIds(backlog));
        assertEquals(later, eventIds(live));
        List<MemberEvent> all = new ArrayList<>(backlog);
        all.addAll(live);
        assertIncreasing(all);
        MemberEvent first = all.get(0);
        assertEquals(EventKind.EVENT_KIND_POINTS_CREDITED, first.getKind());
        assertEquals(member.getMemberId(), first.getMemberId());
        assertEquals(10, first.getPoints());
        assertEquals(TestData.timestamp(TestData.OCCURRED_AT).getSeconds(), first.getOccurredAt().getSeconds());
        assertTrue(first.getJournalSequence() > 0);
    }

    @Test
    void aClientResumingFromItsLastSequenceAfterADisconnectMissesNothingAndGetsNothingTwice() {
        buy(50);
        GrpcTestClient crm = new GrpcTestClient(engine.grpcPort());
        List<MemberEvent> before = crm.subscribe(from(0)).take(20);
        crm.close(); // the connection drops
        buy(30);

        long resumeAfter = before.get(before.size() - 1).getSequence();
        List<MemberEvent> after = client.subscribe(from(resumeAfter)).take(60);

        List<MemberEvent> resumed = new ArrayList<>(before);
        resumed.addAll(after);
        assertEquals(client.subscribe(from(0)).take(80), resumed, "the whole stream, each event once, in order");
        assertIncreasing(resumed);
    }

    @Test
    void aCancelledSubscriptionFreesItsPlace() {
        buy(1);
        for (int i = 0; i < EventFeed.MAX_SUBSCRIPTIONS + 10; i++) {
            EventStream events = client.subscribe(from(0));
            events.next();
            events.cancel();
        }

        assertEquals(1, client.subscribe(from(0)).take(1).size());
    }

    @Test
    void afterARestartTheSameEventsComeWithTheSameSequences() throws Exception {
        buy(5);
        client.purchase(TestData.purchase(member, 1_000_00).setEventId("big-one").build());
        EventStream open = client.subscribe(from(0));
        List<MemberEvent> beforeRestart = open.take(6);

        engine.close();
        GrpcTestClient.Reply<Void> told = open.awaitEnd();
        assertEquals(GrpcStatus.UNAVAILABLE, told.status(), "told to come back");
        assertTrue(told.message().contains("shutting down"), told.message());
        client.close();
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());

        assertEquals(beforeRestart, client.subscribe(from(0)).take(6));
        long fourth = beforeRestart.get(3).getSequence();
        EventStream resumed = client.subscribe(from(fourth));
        assertEquals(beforeRestart.subList(4, 6), resumed.take(2));
        List<String> later = buy(1);
        assertEquals(later, eventIds(resumed.take(1)), "and the stream goes on");
    }

    @Test
    void afterACrashTheLogIsRebuiltWithTheSameEventsAndSequences() throws Exception {
        buy(3);
        engine.checkpoint();
        buy(4); // after the checkpoint: cut off the log at the restart, then replayed from the journal
        List<MemberEvent> beforeCrash = client.subscribe(from(0)).take(7);

        client.close();
        engine.close();
        Files.delete(dataDirectory.resolve("CLEAN")); // as after a kill: recovery from the checkpoint
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());

        assertEquals(beforeCrash, client.subscribe(from(0)).take(7));
        assertEquals(beforeCrash.subList(5, 7), client.subscribe(from(beforeCrash.get(4).getSequence())).take(2));
    }

    @Test
    void aBonusRuleCreditNamesTheRuleSoACrmCanEmailAboutIt() {
        applyProgram(TestPrograms.baseOnly()
                .addEarnRules(EarnRule.newBuilder().setId("welcome-bonus")
                        .setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(250)))
                .build());
        buy(2);

        List<MemberEvent> credits = client.subscribe(from(0).addKinds(EventKind.EVENT_KIND_POINTS_CREDITED)).take(2);

        assertEquals(List.of(rule("base", 10), rule("welcome-bonus", 250)), credits.get(0).getEarnedByRuleList());
        assertEquals(260, credits.get(0).getPoints());
        assertEquals(2, credits.get(0).getProgramVersion());
        assertEquals(List.of(rule("base", 10)), credits.get(1).getEarnedByRuleList(), "no bonus the second time");
    }

    @Test
    void aTierUpgradeFollowsTheCreditThatBroughtIt() {
        applyProgram(TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(1_000)).build());
        PurchaseReceipt big = client.purchase(TestData.purchase(member, 1_000_00).setEventId("big-one").build());

        List<MemberEvent> events = client.subscribe(from(0)).take(2);

        assertEquals(EventKind.EVENT_KIND_POINTS_CREDITED, events.get(0).getKind());
        MemberEvent upgrade = events.get(1);
        assertEquals(EventKind.EVENT_KIND_TIER_CHANGED, upgrade.getKind());
        assertEquals(0, upgrade.getTierBefore());
        assertEquals(1, upgrade.getTierAfter());
        assertEquals(1, big.getTier());
        assertEquals("big-one", upgrade.getEventId());
        assertEquals(events.get(0).getOccurredAt(), upgrade.getOccurredAt(), "when the purchase happened");
        assertEquals(0, upgrade.getPoints());
        History history = ok(client.call(MembersGrpcClient.GetHistory, GetHistoryRequest.newBuilder().setMember(member).build()));
        assertEquals(MovementKind.MOVEMENT_KIND_TIER_CHANGED, history.getMovements(0).getKind());
        assertEquals(1, history.getMovements(0).getTierAfter());
    }

    @Test
    void pointsAboutToExpireAreNoticedOnceInEventTime() {
        // Points expire 40 days after they were earned; members hear of it 30 days before.
        applyProgram(TestPrograms.baseOnly().setExpiry(ExpiryPolicy.newBuilder().setAfterDays(40).setNoticeDays(30)).build());
        Instant now = Instant.now();
        Instant lateAt = now.minus(Duration.ofDays(15)); // a till that was offline: 25 days left
        client.purchase(TestData.purchase(member, 20_00).setEventId("late").setOccurredAt(TestData.timestamp(lateAt)).build());
        client.purchase(TestData.purchase(member, 30_00).setEventId("today").setOccurredAt(TestData.timestamp(now)).build());
        ok(client.call(RedemptionsGrpcClient.Redeem, RedeemRequest.newBuilder().setEventId("spend").setMember(member)
                .setPartnerId("partner-1").setStoreId("store-7").setOccurredAt(TestData.timestamp(now)).setPoints(5).build()));

        List<MemberEvent> events = client.subscribe(from(0)).take(4);

        assertEquals(List.of(EventKind.EVENT_KIND_POINTS_CREDITED, EventKind.EVENT_KIND_POINTS_EXPIRING_SOON,
                EventKind.EVENT_KIND_POINTS_CREDITED, EventKind.EVENT_KIND_POINTS_REDEEMED),
                events.stream().map(MemberEvent::getKind).toList(), "today's points are 40 days away: no notice yet");
        MemberEvent notice = events.get(1);
        assertEquals(20, notice.getExpiringPoints());
        assertEquals(TestData.timestamp(lateAt.plus(Duration.ofDays(40))).getSeconds(), notice.getExpiresAt().getSeconds());
        assertEquals(-5, events.get(3).getPoints());
    }

    @Test
    void aReturnAfterThePointsExpiredTellsWhatHadExpiredAndTakesOnlyTheRest() {
        applyProgram(TestPrograms.baseOnly().setExpiry(ExpiryPolicy.newBuilder().setAfterDays(30)).build());
        Instant longAgo = Instant.now().minus(Duration.ofDays(40)); // expired before the engine heard of it
        client.purchase(TestData.purchase(member, 20_00).setEventId("offline").setOccurredAt(TestData.timestamp(longAgo)).build());
        ok(client.call(dev.accrue.loyalty.v1.PurchasesGrpcClient.RecordReturn, dev.accrue.loyalty.v1.Return.newBuilder()
                .setEventId("return-offline").setPurchaseEventId("offline").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(Instant.now())).build()));

        List<MemberEvent> events = client.subscribe(from(0)).take(3);

        assertEquals(List.of(EventKind.EVENT_KIND_POINTS_CREDITED, EventKind.EVENT_KIND_POINTS_EXPIRED,
                EventKind.EVENT_KIND_POINTS_RETURNED), events.stream().map(MemberEvent::getKind).toList());
        assertEquals(-20, events.get(1).getPoints());
        assertEquals(0, events.get(2).getPoints());
        assertEquals(20, events.get(2).getExpiredBeforeReturn());
        assertEquals("offline", events.get(2).getPurchaseEventId());
    }

    @Test
    void onlyTheKindsAskedForAreSent() {
        applyProgram(TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(100)).build());
        buy(12);

        MemberEvent first = client.subscribe(from(0).addKinds(EventKind.EVENT_KIND_TIER_CHANGED)).next();

        assertEquals(EventKind.EVENT_KIND_TIER_CHANGED, first.getKind());
        assertEquals(1, first.getTierAfter());
    }

    @Test
    void aSlowClientGetsEveryEventInOrder() {
        int count = 3_000;
        List<PurchaseBatch> batches = new ArrayList<>();
        for (int b = 0; b < count / 500; b++) {
            PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(b);
            for (int i = 0; i < 500; i++) {
                batch.addPurchases(TestData.purchase(member, 10_00).setEventId("bulk-" + b + "-" + i));
            }
            batches.add(batch.build());
        }
        client.streamPurchases(batches);
        EventStream slow = client.subscribePaused(from(0));

        List<MemberEvent> received = new ArrayList<>();
        while (received.size() < count) {
            slow.fetch(100);
            received.addAll(slow.take(Math.min(100, count - received.size())));
        }

        assertIncreasing(received);
        assertEquals(count, received.stream().map(MemberEvent::getEventId).distinct().count());
    }

    @Test
    void aCursorBeyondTheEndIsOutOfRangeAndOneInsideAnEventIsInvalid() {
        buy(2);
        List<MemberEvent> events = client.subscribe(from(0)).take(2);
        long end = events.get(1).getSequence();

        assertRefused(from(end + 800), GrpcStatus.OUT_OF_RANGE, "after (" + (end + 800) + ") is beyond the last event");
        assertRefused(from(-1), GrpcStatus.OUT_OF_RANGE, "after (18446744073709551615) is beyond");
        assertRefused(from(events.get(0).getSequence() + 8), GrpcStatus.INVALID_ARGUMENT, "is not a sequence this API gave");
        assertRefused(from(events.get(0).getSequence() - 3), GrpcStatus.INVALID_ARGUMENT, "is not a sequence this API gave");
        assertRefused(from(0).addKindsValue(42), GrpcStatus.INVALID_ARGUMENT, "kinds[0] must be a known event kind");
        assertRefused(from(0).addKinds(EventKind.EVENT_KIND_UNSPECIFIED), GrpcStatus.INVALID_ARGUMENT, "kinds[0]");
        assertEquals(events.get(1), client.subscribe(from(events.get(0).getSequence())).next(), "a good cursor still works");
    }

    private void assertRefused(SubscribeRequest.Builder request, GrpcStatus status, String message) {
        GrpcTestClient.Reply<Void> refused = client.subscribeRefused(request);
        assertEquals(status, refused.status(), refused.message());
        assertTrue(refused.message().startsWith(message) || refused.message().contains(message), refused.message());
    }

    /** Buys {@code n} times 10 points' worth; returns the purchases' event ids. */
    private List<String> buy(int n) {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String eventId = "receipt-" + ++purchases;
            client.purchase(TestData.purchase(member, 10_00).setEventId(eventId).build());
            eventIds.add(eventId);
        }
        return eventIds;
    }

    private void applyProgram(Program program) {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder()
                .setEventId("program-" + program.hashCode())
                .setProgram(program)
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1))
                .build()));
    }

    private static SubscribeRequest.Builder from(long after) {
        return SubscribeRequest.newBuilder().setAfter(after);
    }

    private static RulePoints rule(String id, long points) {
        return RulePoints.newBuilder().setRuleId(id).setPoints(points).build();
    }

    private static List<String> eventIds(List<MemberEvent> events) {
        return events.stream().map(MemberEvent::getEventId).toList();
    }

    private static void assertIncreasing(List<MemberEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).getSequence() > events.get(i - 1).getSequence(), "event " + i);
        }
    }
}
