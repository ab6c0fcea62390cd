package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MergeMembersRequest;
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
import static dev.accrue.engine.testing.MemberRequests.capture;
import static dev.accrue.engine.testing.MemberRequests.card;
import static dev.accrue.engine.testing.MemberRequests.hold;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Merges the engine refuses, over real gRPC: each with its status, and with nothing changed in
 * either member, their histories or the audit log. Anna would survive; Bob would be merged.
 */
class MergeRefusalsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;
    private MemberRef bob;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
        bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aMergeThatWouldGiveTheSurvivorMoreThanSixteenIdentitiesIsRefused() {
        for (int i = 1; i <= 15; i++) {
            ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, card("ANNA-EXTRA-" + i))));
        }
        assertEquals(16, client.member(anna).getIdentitiesCount());

        assertMergeRefusedChangingNothing(merge(anna, bob), GrpcStatus.FAILED_PRECONDITION);
        assertEquals(bob.getMemberId(), client.member(byCard("BOB-CARD")).getMemberId());
    }

    @Test
    void mergingAMemberWithItselfIsRefusedAndChangesNothing() {
        buy(anna, "anna-1", 30_000);
        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)));

        assertMergeRefusedChangingNothing(merge(anna, anna), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(anna, byCard("ANNA-CARD")), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(anna, bob), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(byCard("BOB-CARD"), anna), GrpcStatus.FAILED_PRECONDITION);
    }

    @Test
    void mergingASuspendedOrClosedMemberIsRefusedAndChangesNothing() {
        buy(anna, "anna-1", 30_000);
        buy(bob, "bob-1", 20_000);
        MemberRef carl = byId(client.enrol(TestData.enrol().build()).getMemberId());
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(bob, MemberStatus.MEMBER_STATUS_SUSPENDED)));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(carl, MemberStatus.MEMBER_STATUS_CLOSED)));

        assertMergeRefusedChangingNothing(merge(anna, bob), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(bob, anna), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(anna, carl), GrpcStatus.FAILED_PRECONDITION);
        assertMergeRefusedChangingNothing(merge(carl, anna), GrpcStatus.FAILED_PRECONDITION);
    }

    @Test
    void mergingAnUnknownMemberIsNotFoundAndChangesNothing() {
        buy(anna, "anna-1", 30_000);

        assertMergeRefusedChangingNothing(merge(anna, byId(999)), GrpcStatus.NOT_FOUND);
        assertMergeRefusedChangingNothing(merge(anna, byCard("NO-SUCH-CARD")), GrpcStatus.NOT_FOUND);
        assertMergeRefusedChangingNothing(merge(byId(999), anna), GrpcStatus.NOT_FOUND);
    }

    @Test
    void aBadMergeRequestIsRefusedNamingTheFieldAndChangesNothing() {
        assertInvalid(merge(anna, bob).toBuilder().clearSurvivor().build(), "survivor");
        assertInvalid(merge(anna, bob).toBuilder().setSurvivor(MemberRef.newBuilder().setPhone("123")).build(),
                "survivor.phone");
        assertInvalid(merge(anna, bob).toBuilder().clearMerged().build(), "merged");
        assertInvalid(merge(anna, bob).toBuilder().setMerged(MemberRef.newBuilder().setEmailHash("ABC")).build(),
                "merged.email_hash");
        assertInvalid(merge(anna, bob).toBuilder().setAdmin("").build(), "admin");
        assertInvalid(merge(anna, bob).toBuilder().setReason("").build(), "reason");
        assertInvalid(merge(anna, bob).toBuilder().clearOccurredAt().build(), "occurred_at");
    }

    private void assertInvalid(MergeMembersRequest request, String field) {
        assertMergeRefusedChangingNothing(request, GrpcStatus.INVALID_ARGUMENT);
        String message = client.call(MemberAdminGrpcClient.MergeMembers, request).message();
        org.junit.jupiter.api.Assertions.assertTrue(message.startsWith(field + " "), message);
    }

    private void assertMergeRefusedChangingNothing(MergeMembersRequest request, GrpcStatus status) {
        Member annaBefore = client.member(anna);
        List<MemberMovement> annasHistory = client.history(anna);
        Member bobBefore = client.member(bob);
        List<AuditEntry> audit = client.auditLog();

        Reply<Member> reply = client.call(MemberAdminGrpcClient.MergeMembers, request);

        assertEquals(status, reply.status(), reply.message());
        assertEquals(annaBefore, client.member(anna));
        assertEquals(annasHistory, client.history(anna));
        assertEquals(bobBefore, client.member(bob));
        assertEquals(audit, client.auditLog());
    }

    private void buy(MemberRef member, String eventId, long totalMinor) {
        client.purchase(TestData.purchase(member, totalMinor).setEventId(eventId).build());
    }
}
