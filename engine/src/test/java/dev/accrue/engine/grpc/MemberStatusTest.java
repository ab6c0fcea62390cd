package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.ADMIN;
import static dev.accrue.engine.testing.MemberRequests.REASON;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.capture;
import static dev.accrue.engine.testing.MemberRequests.card;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.MemberRequests.voidHold;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_ACTIVE;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_CLOSED;
import static dev.accrue.loyalty.v1.MemberStatus.MEMBER_STATUS_SUSPENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suspending, reinstating and closing members, and what each status allows, over real gRPC. */
class MemberStatusTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;

    @BeforeEach
    void start() throws Exception {
        open();
        member = byId(client.enrol(TestData.enrolWithCard("STATUS-CARD").build()).getMemberId());
        client.purchase(TestData.purchase(member, 100_000).setEventId("receipt-1").build()); // 1,000 points
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
    void aSuspendedMemberEarnsButCannotRedeemOrHold() {
        Member suspended = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_SUSPENDED)));
        assertEquals(MEMBER_STATUS_SUSPENDED, suspended.getStatus());
        assertEquals(1_000, suspended.getBalance().getAvailable());

        assertEquals(1_250, client.purchase(TestData.purchase(member, 25_000).build()).getBalance(), "it still earns");
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem, redeem(member, 10)),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-1", 10)),
                GrpcStatus.FAILED_PRECONDITION);
        assertEquals(MEMBER_STATUS_SUSPENDED, client.balance(member).getStatus());
    }

    @Test
    void aSuspendedMemberCanStillCaptureOrVoidHoldsTakenBefore() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-1", 300)));
        ok(client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-2", 200)));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_SUSPENDED)));

        assertEquals(300, ok(client.call(RedemptionsGrpcClient.Capture, capture(member, "till-1-sale-1", 0))).getPointsRedeemed());
        assertEquals(0, ok(client.call(RedemptionsGrpcClient.VoidHold, voidHold(member, "till-1-sale-2"))).getPointsHeld());

        Balance after = client.balance(member);
        assertEquals(700, after.getAvailable());
        assertEquals(300, after.getLifetimeRedeemed());
    }

    @Test
    void aReinstatedMemberCanSpendAgain() {
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_SUSPENDED)));

        Member reinstated = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_ACTIVE)));

        assertEquals(MEMBER_STATUS_ACTIVE, reinstated.getStatus());
        assertEquals(900, ok(client.call(RedemptionsGrpcClient.Redeem, redeem(member, 100))).getBalance());
    }

    @Test
    void closingAMemberVoidsItsHoldsAndForfeitsItsPoints() {
        ok(client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-1", 300)));

        Member closed = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));

        assertEquals(MEMBER_STATUS_CLOSED, closed.getStatus());
        Balance balance = client.balance(member);
        assertEquals(0, balance.getAvailable());
        assertEquals(0, balance.getPending());
        assertEquals(1_000, balance.getLifetimeEarned());
        assertEquals(-1_000, balance.getLifetimeAdjusted(), "the forfeit is the last adjustment");
        MemberMovement forfeited = client.history(member).get(0);
        assertEquals(MovementKind.MOVEMENT_KIND_FORFEITED, forfeited.getKind());
        assertEquals(-1_000, forfeited.getPoints(), "held points included");
        assertEquals(ADMIN, forfeited.getAdmin());
        assertEquals(REASON, forfeited.getReason());
        assertEquals(GrpcStatus.FAILED_PRECONDITION,
                client.call(RedemptionsGrpcClient.Capture, capture(member, "till-1-sale-1", 0)).status(), "the hold was voided");
    }

    @Test
    void closingAMemberForfeitsItsPendingPointsToo() {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder().setEventId("eshop-pending")
                .setProgram(TestPrograms.baseOnly().setPending(PendingPolicy.newBuilder()
                        .setEshop(ReturnWindow.newBuilder().setDays(14))))
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1)).build()));
        assertEquals(40, client.purchase(TestData.purchase(member, 4_000).setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(TestData.timestamp(Instant.now())).build()).getPending());

        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));

        MemberMovement forfeited = client.history(member).get(0);
        assertEquals(-1_040, forfeited.getPoints());
        assertEquals(40, forfeited.getPendingPoints());
        assertEquals(0, client.balance(member).getPending());
    }

    @Test
    void aClosedMemberIsRefusedPurchasesSpendingLinksAdjustmentsAndTierFloors() {
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));

        assertRefusedChangingNothing(() -> client.call(PurchasesGrpcClient.RecordPurchase,
                TestData.purchase(member, 5_000).build()), GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem, redeem(member, 1)),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Hold, hold(member, "till-1-sale-9", 1)),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(MembersGrpcClient.LinkIdentity, link(member, card("NEW-CARD"))),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, 50)),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.SetTierFloor, SetTierFloorRequest.newBuilder()
                .setEventId("floor-1").setMember(member).setTier(0).setAdmin(ADMIN).setReason(REASON).build()),
                GrpcStatus.FAILED_PRECONDITION);
    }

    @Test
    void closingIsFinal() {
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));

        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.SetMemberStatus,
                status(member, MEMBER_STATUS_ACTIVE)), GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.SetMemberStatus,
                status(member, MEMBER_STATUS_SUSPENDED)), GrpcStatus.FAILED_PRECONDITION);
        assertEquals(MEMBER_STATUS_CLOSED, client.member(member).getStatus());
    }

    @Test
    void aReturnOfAPurchaseMadeBeforeClosingIsTakenBackIntoDebt() {
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));

        var returned = ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder().setEventId("return-1")
                .setPurchaseEventId("receipt-1").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(7_200))).build()));

        assertEquals(1_000, returned.getPointsTaken());
        assertEquals(1_000, returned.getDebt());
        Balance balance = client.balance(member);
        assertEquals(0, balance.getAvailable());
        assertEquals(1_000, balance.getDebt());
        assertEquals(0, balance.getLifetimeEarned());
        assertEquals(MovementKind.MOVEMENT_KIND_RETURNED, client.history(member).get(0).getKind());
    }

    @Test
    void settingTheStatusAMemberHasChangesNothingAndIsNotAudited() {
        Member before = client.member(member);

        Member reply = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_ACTIVE)));

        assertEquals(MEMBER_STATUS_ACTIVE, reply.getStatus());
        assertEquals(before.getBalance().getAvailable(), reply.getBalance().getAvailable());
        assertEquals(List.of(), client.auditLog());
        assertEquals(1, client.history(member).size());
    }

    @Test
    void aStatusChangeIsAudited() {
        SetMemberStatusRequest suspend = status(member, MEMBER_STATUS_SUSPENDED);
        long sequence = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, suspend)).getBalance().getLastSequence();

        assertEquals(List.of(AuditEntry.newBuilder().setSequence(sequence).setAction("SET_MEMBER_STATUS")
                .setOccurredAt(suspend.getOccurredAt()).setAdmin(ADMIN).setReason(REASON).setEventId(suspend.getEventId())
                .setMemberId(member.getMemberId()).setAmount(MEMBER_STATUS_SUSPENDED.getNumber()).build()), client.auditLog());
    }

    @Test
    void aRetriedStatusChangeAnswersAsTheFirstAndAnotherUnderItsEventIdIsAlreadyExists() {
        SetMemberStatusRequest close = status(member, MEMBER_STATUS_CLOSED);

        Member first = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, close));
        Member retry = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, close));

        assertEquals(first, retry);
        assertEquals(1, client.auditLog().size());
        assertEquals(2, client.history(member).size(), "earned, forfeited once");
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(MemberAdminGrpcClient.SetMemberStatus,
                close.toBuilder().setReason("another reason").build()).status());
    }

    @Test
    void badStatusChangesAreRefusedNamingTheFieldAndAnUnknownMemberIsNotFound() {
        assertInvalid(status(member, MemberStatus.MEMBER_STATUS_UNSPECIFIED), "status");
        assertInvalid(status(member, MEMBER_STATUS_CLOSED).toBuilder().setAdmin("").build(), "admin");
        assertInvalid(status(member, MEMBER_STATUS_CLOSED).toBuilder().setReason("").build(), "reason");
        assertInvalid(status(member, MEMBER_STATUS_CLOSED).toBuilder().setReason("r".repeat(257)).build(), "reason");
        assertInvalid(status(member, MEMBER_STATUS_CLOSED).toBuilder().clearOccurredAt().build(), "occurred_at");
        assertInvalid(status(member, MEMBER_STATUS_CLOSED).toBuilder().clearMember().build(), "member");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MemberAdminGrpcClient.SetMemberStatus,
                status(byId(999), MEMBER_STATUS_CLOSED)).status());
        assertEquals(MEMBER_STATUS_ACTIVE, client.member(member).getStatus());
    }

    @Test
    void statusesSurviveARestart() throws Exception {
        MemberRef other = byId(client.enrol(TestData.enrol().build()).getMemberId());
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MEMBER_STATUS_CLOSED)));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(other, MEMBER_STATUS_SUSPENDED)));

        stop();
        open();

        assertEquals(MEMBER_STATUS_CLOSED, client.member(member).getStatus());
        assertEquals(0, client.balance(member).getAvailable());
        assertEquals(MEMBER_STATUS_SUSPENDED, client.member(other).getStatus());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(PurchasesGrpcClient.RecordPurchase,
                TestData.purchase(member, 5_000).build()).status());
    }

    /** The call is refused with {@code status}; the balance, history and audit log are as before. */
    private void assertRefusedChangingNothing(Supplier<Reply<?>> call, GrpcStatus status) {
        Balance balance = client.balance(member);
        List<MemberMovement> history = client.history(member);
        List<AuditEntry> audit = client.auditLog();

        Reply<?> reply = call.get();

        assertEquals(status, reply.status(), reply.message());
        assertEquals(balance, client.balance(member));
        assertEquals(history, client.history(member));
        assertEquals(audit, client.auditLog());
    }

    private void assertInvalid(SetMemberStatusRequest request, String field) {
        Reply<Member> reply = client.call(MemberAdminGrpcClient.SetMemberStatus, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().startsWith(field + " "), reply.message());
    }
}
