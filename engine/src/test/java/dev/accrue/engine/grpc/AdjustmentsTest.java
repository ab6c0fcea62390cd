package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
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
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin's credits and debits of a member's points, in the history and the audit log, over real gRPC. */
class AdjustmentsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;

    @BeforeEach
    void start() throws Exception {
        open();
        member = byId(client.enrol(TestData.enrolWithCard("ADJUST-CARD").build()).getMemberId());
        client.purchase(TestData.purchase(member, 50_000).setEventId("receipt-1").build()); // 500 points
    }

    private void open() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aCreditIsAvailableAtOnceAndShowsInTheHistoryAndTheAuditLog() {
        AdjustPointsRequest credit = adjust(member, 250);

        Balance balance = ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit));

        assertEquals(750, balance.getAvailable());
        assertEquals(250, balance.getLifetimeAdjusted());
        assertEquals(500, balance.getLifetimeEarned(), "an adjustment is not earned");
        assertEquals(balance, client.balance(member));
        MemberMovement adjusted = client.history(member).get(0);
        assertEquals(MovementKind.MOVEMENT_KIND_ADJUSTED, adjusted.getKind());
        assertEquals(250, adjusted.getPoints());
        assertEquals(ADMIN, adjusted.getAdmin());
        assertEquals(REASON, adjusted.getReason());
        assertEquals(credit.getOccurredAt(), adjusted.getOccurredAt());
        assertEquals(balance.getLastSequence(), adjusted.getSequence());
        assertEquals(List.of(AuditEntry.newBuilder().setSequence(balance.getLastSequence()).setAction("ADJUST_POINTS")
                .setOccurredAt(credit.getOccurredAt()).setAdmin(ADMIN).setReason(REASON).setEventId(credit.getEventId())
                .setMemberId(member.getMemberId()).setAmount(250).build()), client.auditLog());
    }

    @Test
    void anAdminsNameAndReasonAreKeptAsWrittenInAnyScript() {
        String reason = "Reklamace – zákazník čeká 😊 ".repeat(10).substring(0, 254) + "😊";
        AdjustPointsRequest credit = adjust(member, 5).toBuilder().setAdmin("správce-Šárka").setReason(reason).build();
        assertEquals(256, reason.length());

        ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit));

        MemberMovement adjusted = client.history(member).get(0);
        AuditEntry logged = client.auditLog().get(0);
        assertEquals(List.of("správce-Šárka", reason), List.of(adjusted.getAdmin(), adjusted.getReason()));
        assertEquals(List.of("správce-Šárka", reason), List.of(logged.getAdmin(), logged.getReason()));
    }

    @Test
    void aDebitSpendsAvailablePointsAndCountsAgainstTheNetAdjusted() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, 100)));

        Balance balance = ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(byCard("ADJUST-CARD"), -350)));

        assertEquals(250, balance.getAvailable());
        assertEquals(-250, balance.getLifetimeAdjusted(), "credits less debits");
        assertEquals(0, balance.getLifetimeRedeemed(), "a debit is not a redemption");
        assertEquals(List.of(-350L, 100L, 500L), client.history(member).stream().map(MemberMovement::getPoints).toList());
        assertEquals(List.of(100L, -350L), client.auditLog().stream().map(AuditEntry::getAmount).toList());
    }

    @Test
    void aCreditPaysDebtFirst() {
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(member, 500)));
        ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder().setEventId("return-1")
                .setPurchaseEventId("receipt-1").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(3_600))).build()));
        assertEquals(500, client.balance(member).getDebt());

        Balance balance = ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, 800)));

        assertEquals(0, balance.getDebt());
        assertEquals(300, balance.getAvailable());
        assertEquals(800, balance.getLifetimeAdjusted());
    }

    @Test
    void aDebitOfMoreThanIsAvailableIsRefusedAndChangesNothing() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-1", 200)));
        Balance before = client.balance(member);
        List<MemberMovement> history = client.history(member);

        Reply<Balance> reply = client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, -301));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status(), "held points are not available: " + reply.message());
        assertEquals(before, client.balance(member));
        assertEquals(history, client.history(member));
        assertEquals(List.of(), client.auditLog());
        assertEquals(0, ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, -300))).getAvailable());
    }

    @Test
    void aRetriedAdjustmentAnswersAsTheFirstAndHasOneEffect() {
        AdjustPointsRequest credit = adjust(member, 40);

        Balance first = ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit));
        Balance retry = ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit));

        assertEquals(first, retry);
        assertEquals(540, client.balance(member).getAvailable());
        assertEquals(1, client.auditLog().size());
        assertEquals(2, client.history(member).size());
    }

    @Test
    void anotherAdjustmentUnderAUsedEventIdIsAlreadyExistsAndChangesNothing() {
        AdjustPointsRequest credit = adjust(member, 40);
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit));
        Balance before = client.balance(member);

        for (AdjustPointsRequest other : List.of(credit.toBuilder().setPoints(41).build(),
                credit.toBuilder().setAdmin("admin-bob").build(), credit.toBuilder().setReason("other").build(),
                credit.toBuilder().setWallet("car-wash").build())) {
            assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(MemberAdminGrpcClient.AdjustPoints, other).status(),
                    other.toString());
        }

        assertEquals(before, client.balance(member));
        assertEquals(1, client.auditLog().size());
    }

    @Test
    void badAdjustmentsAreRefusedNamingTheFieldAndAnUnknownMemberIsNotFound() {
        assertInvalid(adjust(member, 0), "points");
        assertInvalid(adjust(member, 1_000_000_000_001L), "points");
        assertInvalid(adjust(member, -1_000_000_000_001L), "points");
        assertInvalid(adjust(member, 1).toBuilder().setAdmin("").build(), "admin");
        assertInvalid(adjust(member, 1).toBuilder().setAdmin("a".repeat(65)).build(), "admin");
        assertInvalid(adjust(member, 1).toBuilder().setReason("").build(), "reason");
        assertInvalid(adjust(member, 1).toBuilder().setReason("line\nbreak").build(), "reason");
        assertInvalid(adjust(member, 1).toBuilder().setEventId("").build(), "event_id");
        assertInvalid(adjust(member, 1).toBuilder().clearOccurredAt().build(), "occurred_at");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MemberAdminGrpcClient.AdjustPoints, adjust(byId(999), 1)).status());
        assertEquals(500, client.balance(member).getAvailable());
        assertEquals(List.of(), client.auditLog());
    }

    @Test
    void adjustmentsAndTheAuditLogSurviveARestart() throws Exception {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, 70)));
        Balance before = client.balance(member);
        List<AuditEntry> audit = client.auditLog();
        List<MemberMovement> history = client.history(member);

        stop();
        open();

        assertEquals(before, client.balance(member));
        assertEquals(audit, client.auditLog());
        assertEquals(history, client.history(member));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, -20)));
        assertEquals(List.of(70L, -20L), client.auditLog().stream().map(AuditEntry::getAmount).toList(),
                "the log goes on after the restart");
    }

    private void assertInvalid(AdjustPointsRequest request, String field) {
        Reply<Balance> reply = client.call(MemberAdminGrpcClient.AdjustPoints, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().startsWith(field + " "), reply.message());
    }
}
