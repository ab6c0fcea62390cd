package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.AuditLog;
import dev.accrue.loyalty.v1.ListAuditLogRequest;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.Wallet;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.ADMIN;
import static dev.accrue.engine.testing.MemberRequests.ADMIN_AT;
import static dev.accrue.engine.testing.MemberRequests.REASON;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log of admin changes: what each entry says, and paging through it, over real gRPC. */
class AuditLogTest {
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
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder().setEventId("with-gold-and-passes")
                .setProgram(TestPrograms.baseOnly()
                        .addTiers(Tier.newBuilder().setId("gold").setName("Gold").setThreshold(100_000))
                        .addWallets(Wallet.newBuilder().setId("car-wash").setName("Car wash").setUnit("washes")))
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1)).build()));
        anna = byId(client.enrol(TestData.enrol().build()).getMemberId());
        bob = byId(client.enrol(TestData.enrol().build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void everyKindOfAdminChangeIsLoggedWithWhoWhyAndWhat() {
        SetTierFloorRequest floor = SetTierFloorRequest.newBuilder().setEventId("floor-1").setMember(anna).setTier(1)
                .setUntil(TestData.timestamp(ADMIN_AT.plusSeconds(86_400))).setAdmin(ADMIN).setReason(REASON).build();
        long floorSequence = ok(client.call(MemberAdminGrpcClient.SetTierFloor, floor)).getLastSequence();
        var credit = adjust(anna, 25);
        long creditSequence = ok(client.call(MemberAdminGrpcClient.AdjustPoints, credit)).getLastSequence();
        var passes = adjust(anna, "car-wash", 10);
        long passesSequence = ok(client.call(MemberAdminGrpcClient.AdjustPoints, passes)).getLastSequence();
        MergeMembersRequest merge = merge(anna, bob);
        long mergeSequence = ok(client.call(MemberAdminGrpcClient.MergeMembers, merge)).getBalance().getLastSequence();
        var suspend = status(anna, MemberStatus.MEMBER_STATUS_SUSPENDED);
        long suspendSequence = ok(client.call(MemberAdminGrpcClient.SetMemberStatus, suspend)).getBalance().getLastSequence();

        AuditEntry.Builder entry = AuditEntry.newBuilder().setAdmin(ADMIN).setReason(REASON).setMemberId(anna.getMemberId());
        assertEquals(List.of(
                entry.clone().setSequence(floorSequence).setAction("SET_TIER_FLOOR").setOccurredAt(floor.getUntil())
                        .setEventId("floor-1").setAmount(1).build(),
                entry.clone().setSequence(creditSequence).setAction("ADJUST_POINTS").setOccurredAt(credit.getOccurredAt())
                        .setEventId(credit.getEventId()).setAmount(25).build(),
                entry.clone().setSequence(passesSequence).setAction("ADJUST_POINTS").setOccurredAt(passes.getOccurredAt())
                        .setEventId(passes.getEventId()).setAmount(10).setWallet("car-wash").build(),
                entry.clone().setSequence(mergeSequence).setAction("MERGE_MEMBERS").setOccurredAt(merge.getOccurredAt())
                        .setEventId(merge.getEventId()).setAmount(bob.getMemberId()).build(),
                entry.clone().setSequence(suspendSequence).setAction("SET_MEMBER_STATUS").setOccurredAt(suspend.getOccurredAt())
                        .setEventId(suspend.getEventId()).setAmount(MemberStatus.MEMBER_STATUS_SUSPENDED_VALUE).build()),
                client.auditLog());
    }

    @Test
    void theLogIsReadOldestFirstAPageAtATimeUntilAPageIsEmpty() {
        for (int i = 1; i <= 5; i++) {
            ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, i)));
        }

        List<Long> amounts = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = "";
        do {
            AuditLog page = ok(client.call(MemberAdminGrpcClient.ListAuditLog,
                    ListAuditLogRequest.newBuilder().setPageSize(2).setPageToken(token).build()));
            page.getEntriesList().forEach(e -> amounts.add(e.getAmount()));
            pageSizes.add(page.getEntriesCount());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && pageSizes.size() < 10);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), amounts);
        assertEquals(List.of(2, 2, 1, 0), pageSizes, "the empty page ends the log as it stands");
    }

    @Test
    void theLastTokenGivenReadsWhatWasAddedSince() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 1)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 2)));
        AuditLog all = ok(client.call(MemberAdminGrpcClient.ListAuditLog, ListAuditLogRequest.getDefaultInstance()));

        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 3)));
        AuditLog since = ok(client.call(MemberAdminGrpcClient.ListAuditLog,
                ListAuditLogRequest.newBuilder().setPageToken(all.getNextPageToken()).build()));

        assertEquals(List.of(1L, 2L), all.getEntriesList().stream().map(AuditEntry::getAmount).toList());
        assertEquals(List.of(3L), since.getEntriesList().stream().map(AuditEntry::getAmount).toList());
    }

    @Test
    void anEmptyLogIsOnePageWithNoEntries() {
        AuditLog log = ok(client.call(MemberAdminGrpcClient.ListAuditLog, ListAuditLogRequest.getDefaultInstance()));

        assertEquals(0, log.getEntriesCount());
        assertEquals("", log.getNextPageToken());
    }

    @Test
    void badPageTokensAndSizesAreInvalidArgument() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 1)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, 2)));

        for (String token : List.of("not a token!", "-5", "zzzzzzzz", "3")) {
            assertInvalid(ListAuditLogRequest.newBuilder().setPageToken(token).build(), "page_token");
        }
        assertInvalid(ListAuditLogRequest.newBuilder().setPageSize(501).build(), "page_size");
        assertEquals(2, client.auditLog().size());
    }

    @Test
    void refusedAdminChangesAreNotLogged() {
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(bob, MemberStatus.MEMBER_STATUS_CLOSED)));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, -1)).status());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, bob)).status());
        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(MemberAdminGrpcClient.SetMemberStatus,
                status(bob, MemberStatus.MEMBER_STATUS_ACTIVE)).status());
        assertEquals(GrpcStatus.INVALID_ARGUMENT, client.call(MemberAdminGrpcClient.AdjustPoints, adjust(anna, "no-such-wallet", 1)).status());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MemberAdminGrpcClient.MergeMembers, merge(anna, byId(999))).status());

        assertEquals(List.of("SET_MEMBER_STATUS"), client.auditLog().stream().map(AuditEntry::getAction).toList());
    }

    private void assertInvalid(ListAuditLogRequest request, String field) {
        Reply<AuditLog> reply = client.call(MemberAdminGrpcClient.ListAuditLog, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().startsWith(field + " "), reply.message());
    }
}
