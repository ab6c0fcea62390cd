package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.Return;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.ADMIN;
import static dev.accrue.engine.testing.MemberRequests.REASON;
import static dev.accrue.engine.testing.MemberRequests.card;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A survivor's history after merges: its own movements and each merged member's, newest first,
 * paged across the merges; and page tokens that read only the member they were given for.
 */
class MergedHistoryTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;
    private MemberRef bob;
    private MemberRef carl;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
        bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").build()).getMemberId());
        carl = byId(client.enrol(TestData.enrolWithCard("CARL-CARD").build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void theHistoryInterleavesBothMembersMovementsUnderTheMergeAndPagesAcrossIt() {
        buy(anna, "anna-1", 1_000);
        buy(bob, "bob-1", 2_000);
        buy(anna, "anna-2", 3_000);
        buy(bob, "bob-2", 4_000);
        long mergeSequence = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob))).getBalance().getLastSequence();
        buy(byCard("BOB-CARD"), "bob-3", 5_000);

        List<String> expected = List.of(
                "MOVEMENT_KIND_EARNED bob-3 50 from 0",
                "MOVEMENT_KIND_MERGED merge 0 from " + bob.getMemberId(),
                "MOVEMENT_KIND_EARNED bob-2 40 from " + bob.getMemberId(),
                "MOVEMENT_KIND_EARNED anna-2 30 from 0",
                "MOVEMENT_KIND_EARNED bob-1 20 from " + bob.getMemberId(),
                "MOVEMENT_KIND_EARNED anna-1 10 from 0");
        for (int pageSize : new int[] {1, 2, 4, 100}) {
            assertEquals(expected, lines(client.history(anna, pageSize)), "pages of " + pageSize);
        }
        MemberMovement merged = client.history(anna).get(1);
        assertEquals(mergeSequence, merged.getSequence());
        assertEquals(ADMIN, merged.getAdmin());
        assertEquals(REASON, merged.getReason());
        assertEquals(client.history(anna), client.history(bob), "the merged member's id reads the survivor's history");
    }

    @Test
    void aMemberMergedIntoOneThatIsMergedAgainResolvesToTheLastSurvivorWithAllTheirHistories() {
        buy(anna, "anna-1", 1_000);
        buy(bob, "bob-1", 2_000);
        buy(carl, "carl-1", 3_000);
        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(bob, anna)));

        Member last = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(carl, bob)));

        assertEquals(60, last.getBalance().getAvailable());
        Member carls = client.member(carl);
        assertEquals(2, carls.getMergedMembers());
        assertEquals(List.of(card("CARL-CARD"), card("BOB-CARD"), card("ANNA-CARD")), carls.getIdentitiesList());
        for (MemberRef old : List.of(anna, bob, byCard("ANNA-CARD"))) {
            assertEquals(carls, client.member(old), old.toString());
        }
        assertEquals(List.of(
                "MOVEMENT_KIND_MERGED merge 0 from " + bob.getMemberId(),
                "MOVEMENT_KIND_MERGED merge 0 from " + anna.getMemberId(),
                "MOVEMENT_KIND_EARNED carl-1 30 from 0",
                "MOVEMENT_KIND_EARNED bob-1 20 from " + bob.getMemberId(),
                "MOVEMENT_KIND_EARNED anna-1 10 from " + anna.getMemberId()), lines(client.history(carl, 2)));
        assertEquals(10, ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder().setEventId("return-1")
                .setPurchaseEventId("anna-1").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60))).build())).getPointsTaken());
        assertEquals(50, client.balance(carl).getAvailable(), "anna's return took from carl");
    }

    @Test
    void aHistoryPageTokenIsRefusedForAnotherMember() {
        for (int i = 1; i <= 3; i++) {
            buy(anna, "anna-" + i, 1_000);
            buy(bob, "bob-" + i, 1_000);
        }
        History annasFirst = page(anna, "");

        Reply<History> reply = client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(bob).setPageSize(1).setPageToken(annasFirst.getNextPageToken()).build());

        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status());
        assertTrue(reply.message().startsWith("page_token "), reply.message());
        assertEquals("anna-2", page(anna, annasFirst.getNextPageToken()).getMovements(0).getEventId(),
                "the token still reads its own member");
        assertEquals("anna-2", page(byCard("ANNA-CARD"), annasFirst.getNextPageToken()).getMovements(0).getEventId(),
                "whichever identity names it");
    }

    @Test
    void aTokenGivenBeforeAMergeReadsOnAfterIt() {
        buy(anna, "anna-1", 1_000);
        buy(anna, "anna-2", 2_000);
        History first = page(anna, "");

        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)));

        assertEquals("anna-1", page(anna, first.getNextPageToken()).getMovements(0).getEventId());
    }

    private History page(MemberRef member, String token) {
        return ok(client.call(MembersGrpcClient.GetHistory,
                GetHistoryRequest.newBuilder().setMember(member).setPageSize(1).setPageToken(token).build()));
    }

    private static List<String> lines(List<MemberMovement> movements) {
        // A merge's event id is generated ("merge-" and a number): its prefix is enough here.
        return movements.stream().map(m -> m.getKind() + " "
                + (m.getKind() == MovementKind.MOVEMENT_KIND_MERGED ? m.getEventId().replaceAll("-\\d+$", "") : m.getEventId())
                + " " + m.getPoints() + " from " + m.getOtherMemberId()).toList();
    }

    private void buy(MemberRef member, String eventId, long totalMinor) {
        client.purchase(TestData.purchase(member, totalMinor).setEventId(eventId).build());
    }
}
