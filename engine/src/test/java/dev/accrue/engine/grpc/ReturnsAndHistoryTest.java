package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.ReturnedLine;
import dev.accrue.loyalty.v1.Tier;
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

/** Returns and the member's history against a real engine on a random port. */
class ReturnsAndHistoryTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;
    private int returns;

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
    void aWholeReturnTakesBackEveryPointThePurchaseEarned() {
        PurchaseReceipt bought = client.purchase(basket("receipt-1").build());
        assertEquals(60, bought.getPointsEarned());

        ReturnReceipt returned = ok(client.call(PurchasesGrpcClient.RecordReturn, whole("receipt-1")));

        assertEquals(60, returned.getPointsTaken());
        assertEquals(0, returned.getBalance());
        assertEquals(0, client.balance(member).getLifetimeEarned(), "earned net of returns");
    }

    @Test
    void returningUnitsPieceByPieceTakesBackExactlyWhatTheLineEarned() {
        // Line 1: 3 units for 10.00 EUR = 10 points; returned one unit at a time: 3, 3, then 4.
        client.purchase(basket("receipt-1").build());
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(ok(client.call(PurchasesGrpcClient.RecordReturn, lines("receipt-1", 1, 1))).getPointsTaken());
        }

        assertEquals(List.of(3L, 3L, 4L), taken);
        assertEquals(50, client.balance(member).getAvailable(), "line 0's 50 points stay");
    }

    @Test
    void returningMoreUnitsThanWereBoughtIsRefusedAndChangesNothing() {
        client.purchase(basket("receipt-1").build());
        ok(client.call(PurchasesGrpcClient.RecordReturn, lines("receipt-1", 1, 2)));
        Balance before = client.balance(member);

        GrpcTestClient.Reply<ReturnReceipt> reply = client.call(PurchasesGrpcClient.RecordReturn, lines("receipt-1", 1, 2));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status());
        assertEquals(before, client.balance(member));
    }

    @Test
    void aReturnOfAnUnknownPurchaseIsNotFoundAndAnUnknownLineIsRefusedNamingIt() {
        client.purchase(basket("receipt-1").build());
        Balance before = client.balance(member);

        assertEquals(GrpcStatus.NOT_FOUND, client.call(PurchasesGrpcClient.RecordReturn, whole("no-such-receipt")).status());
        GrpcTestClient.Reply<ReturnReceipt> unknownLine = client.call(PurchasesGrpcClient.RecordReturn, lines("receipt-1", 7, 1));
        assertEquals(GrpcStatus.INVALID_ARGUMENT, unknownLine.status());
        assertTrue(unknownLine.message().contains("line"), unknownLine.message());
        assertEquals(before, client.balance(member));
    }

    @Test
    void badReturnsAreRefusedNamingTheField() {
        assertInvalid(whole("r").toBuilder().setEventId("").build(), "event_id");
        assertInvalid(whole("r").toBuilder().setPurchaseEventId("").build(), "purchase_event_id");
        assertInvalid(whole("r").toBuilder().clearOccurredAt().build(), "occurred_at");
        assertInvalid(lines("r", 0, 0), "lines[0].quantity");
    }

    @Test
    void aRetriedReturnHasOneEffectAndTheSameAnswer() {
        client.purchase(basket("receipt-1").build());
        Return once = lines("receipt-1", 0, 1);

        ReturnReceipt first = ok(client.call(PurchasesGrpcClient.RecordReturn, once));
        ReturnReceipt retry = ok(client.call(PurchasesGrpcClient.RecordReturn, once));

        assertEquals(first.getPointsTaken(), retry.getPointsTaken());
        assertEquals(first.getSequence(), retry.getSequence());
        assertEquals(60 - 25, client.balance(member).getAvailable(), "line 0: 2 units, 50 points; one returned");
    }

    @Test
    void earnReturnKeepIsClosedPendingPointsGoBackBeforeTheyCanBeSpent() {
        applyProgram(TestPrograms.baseOnly().setPending(PendingPolicy.newBuilder()
                .setEshop(ReturnWindow.newBuilder().setDays(14))).build());
        // Bought now: the engine's clock (its start tick) is inside the 14 days.
        PurchaseReceipt bought = client.purchase(basket("web-order-1").setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(TestData.timestamp(java.time.Instant.now())).build());
        assertEquals(60, bought.getPending());
        assertEquals(0, bought.getBalance());

        ReturnReceipt returned = ok(client.call(PurchasesGrpcClient.RecordReturn, whole("web-order-1")));

        assertEquals(60, returned.getPointsTaken());
        Balance after = client.balance(member);
        assertEquals(0, after.getPending());
        assertEquals(0, after.getAvailable());
        assertEquals(0, after.getDebt());
    }

    @Test
    void aReturnAfterThePurchasesPointsExpiredDoesNotTakeThemAgainAndTheHistorySaysSo() {
        applyProgram(TestPrograms.baseOnly().setExpiry(ExpiryPolicy.newBuilder().setAfterDays(30)).build());
        java.time.Instant now = java.time.Instant.now();
        client.purchase(TestData.purchase(member, 2_500).setEventId("today").setOccurredAt(TestData.timestamp(now)).build());
        // A till that was offline for 40 days: the purchase's 60 points expired before the engine heard of it.
        client.purchase(basket("offline").setOccurredAt(TestData.timestamp(now.minus(java.time.Duration.ofDays(40)))).build());

        ReturnReceipt returned = ok(client.call(PurchasesGrpcClient.RecordReturn, whole("offline")));

        assertEquals(0, returned.getPointsTaken());
        assertEquals(25, returned.getBalance(), "today's points stay");
        History history = ok(client.call(MembersGrpcClient.GetHistory, GetHistoryRequest.newBuilder().setMember(member).build()));
        assertEquals(MovementKind.MOVEMENT_KIND_RETURNED, history.getMovements(0).getKind());
        assertEquals(0, history.getMovements(0).getPoints());
        assertEquals(60, history.getMovements(0).getExpiredBeforeReturn());
        assertEquals(25, history.getMovementsList().stream().mapToLong(m -> m.getPoints()).sum(), "the history adds up");
    }

    @Test
    void aReturnUndoesTheTierUpgradeThePurchaseBrought() {
        applyProgram(TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(50).setEarnMultiplierBp(15_000))
                .build());
        PurchaseReceipt bought = client.purchase(basket("receipt-1").build());
        assertEquals(1, bought.getTier(), "60 qualifying points reach silver at 50");

        ReturnReceipt returned = ok(client.call(PurchasesGrpcClient.RecordReturn, lines("receipt-1", 0, 1)));

        assertEquals(0, returned.getTier(), "35 points left: below silver again");
    }

    @Test
    void theHistoryListsEveryMovementNewestFirstAPageAtATime() {
        for (int i = 1; i <= 4; i++) {
            client.purchase(basket("receipt-" + i).build());
        }
        ok(client.call(PurchasesGrpcClient.RecordReturn, whole("receipt-2")));

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            History page = ok(client.call(MembersGrpcClient.GetHistory,
                    GetHistoryRequest.newBuilder().setMember(member).setPageSize(2).setPageToken(token).build()));
            page.getMovementsList().forEach(m -> seen.add(m.getKind() + " " + m.getEventId() + " " + m.getPoints()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertEquals(3, pages);
        assertEquals(List.of(
                MovementKind.MOVEMENT_KIND_RETURNED + " return-1 -60",
                MovementKind.MOVEMENT_KIND_EARNED + " receipt-4 60",
                MovementKind.MOVEMENT_KIND_EARNED + " receipt-3 60",
                MovementKind.MOVEMENT_KIND_EARNED + " receipt-2 60",
                MovementKind.MOVEMENT_KIND_EARNED + " receipt-1 60"), seen);
        History newest = ok(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).setPageSize(2).build()));
        assertEquals("receipt-2", newest.getMovements(0).getPurchaseEventId());
        assertEquals(60, newest.getMovements(1).getEarnedByRule(0).getPoints(), "base: 60 points");
        assertEquals("base", newest.getMovements(1).getEarnedByRule(0).getRuleId());
    }

    @Test
    void badHistoryAndBalanceQueriesAreRefusedNamingTheField() {
        client.purchase(basket("receipt-1").build());

        assertQueryRefused(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).setPageSize(101).build()), "page_size");
        assertQueryRefused(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).setPageToken("not a token!").build()), "page_token");
        assertQueryRefused(client.call(MembersGrpcClient.GetHistory, GetHistoryRequest.getDefaultInstance()), "member");
        assertQueryRefused(client.call(MembersGrpcClient.GetBalance, TestData.balance(member).toBuilder()
                .setExpiringBefore(Timestamp.newBuilder().setSeconds(-1)).build()), "expiring_before");
        assertEquals(1, ok(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).build())).getMovementsCount(), "nothing changed");
    }

    private static void assertQueryRefused(GrpcTestClient.Reply<?> reply, String field) {
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().startsWith(field), reply.message());
    }

    @Test
    void historySurvivesARestart() throws Exception {
        client.purchase(basket("receipt-1").build());
        stop();
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());

        History history = ok(client.call(MembersGrpcClient.GetHistory, GetHistoryRequest.newBuilder().setMember(member).build()));

        assertEquals(1, history.getMovementsCount());
        assertEquals("receipt-1", history.getMovements(0).getEventId());
        assertEquals(60, ok(client.call(PurchasesGrpcClient.RecordReturn, whole("receipt-1"))).getPointsTaken(),
                "and the purchase can still be returned");
    }

    /** Line 0: 2 units for 50.00 EUR (50 points); line 1: 3 units for 10.00 EUR (10 points). */
    private Purchase.Builder basket(String eventId) {
        return TestData.purchase(member, 6_000).setEventId(eventId).clearLines()
                .addLines(LineItem.newBuilder().setSku("JACKET").setCategory("fashion").setQuantity(2).setAmountMinor(5_000))
                .addLines(LineItem.newBuilder().setSku("SOCKS").setCategory("fashion").setQuantity(3).setAmountMinor(1_000));
    }

    private Return whole(String purchaseEventId) {
        return Return.newBuilder()
                .setEventId("return-" + ++returns)
                .setPurchaseEventId(purchaseEventId)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(3_600)))
                .build();
    }

    private Return lines(String purchaseEventId, int line, long quantity) {
        return whole(purchaseEventId).toBuilder()
                .addLines(ReturnedLine.newBuilder().setLine(line).setQuantity(quantity))
                .build();
    }

    private void assertInvalid(Return request, String field) {
        GrpcTestClient.Reply<ReturnReceipt> reply = client.call(PurchasesGrpcClient.RecordReturn, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().contains(field), reply.message());
    }

    private void applyProgram(Program program) {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder()
                .setEventId("program-" + program.hashCode())
                .setProgram(program)
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1))
                .build()));
    }
}
