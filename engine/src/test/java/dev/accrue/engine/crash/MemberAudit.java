package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.AuditLog;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.GetMemberRequest;
import dev.accrue.loyalty.v1.ListAuditLogRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads members and the audit log through the public API after a restart and checks them against
 * {@link ExpectedMembers}: each member's status, identities (in the order linked, a merged member's
 * after the survivor's) and merged members; a merged member's id and card naming the survivor; and
 * the audit log listing every acknowledged admin change exactly once, in journal order, and what it
 * listed before the restart unchanged.
 */
final class MemberAudit {
    private final LedgerAudit.Caller caller;
    private final String seed;
    private List<AuditEntry> listedBefore = List.of();

    MemberAudit(LedgerAudit.Caller caller, long seed) {
        this.caller = caller;
        this.seed = " (seed " + seed + ")";
    }

    /**
     * Every acknowledged admin change is listed once, as acknowledged, and nothing else is; sequences
     * rise. Records each change's sequence in the model, which the history audit needs.
     */
    void auditLog(MemberAdminGrpcClient admin, ExpectedMembers members) throws Exception {
        List<AuditEntry> listed = new ArrayList<>();
        String token = "";
        while (true) {
            AuditLog page = caller.call(admin.listAuditLog(ListAuditLogRequest.newBuilder().setPageSize(7)
                    .setPageToken(token).build()));
            listed.addAll(page.getEntriesList());
            if (page.getEntriesCount() == 0 || page.getNextPageToken().isEmpty()) {
                break;
            }
            token = page.getNextPageToken();
        }
        assertEquals(listedBefore, listed.subList(0, Math.min(listedBefore.size(), listed.size())),
                "audit entries listed before the restart are listed unchanged after it" + seed);
        listedBefore = listed;
        Map<String, AuditEntry> byEvent = new HashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            AuditEntry entry = listed.get(i);
            assertTrue(byEvent.put(entry.getEventId(), entry) == null, entry.getEventId() + " listed twice" + seed);
            if (i > 0) {
                assertTrue(listed.get(i - 1).getSequence() < entry.getSequence(),
                        "audit log in journal order at " + entry.getEventId() + seed);
            }
        }
        List<ExpectedMembers.AdminChange> changes = members.changes();
        for (ExpectedMembers.AdminChange change : changes) {
            AuditEntry entry = byEvent.get(change.eventId());
            assertNotNull(entry, "acknowledged " + change + " is not in the audit log" + seed);
            assertEquals(change, new ExpectedMembers.AdminChange(entry.getEventId(), entry.getAction(),
                    entry.getMemberId(), entry.getAmount()), "audit entry of " + change.eventId() + seed);
            assertEquals(AdminWorkload.ADMIN, entry.getAdmin(), "admin of " + change.eventId() + seed);
            members.sequence(change.eventId(), entry.getSequence());
        }
        assertEquals(changes.size(), listed.size(), "audit entries beyond the acknowledged changes: "
                + listed.stream().map(AuditEntry::getEventId).filter(e -> changes.stream()
                .noneMatch(c -> c.eventId().equals(e))).toList() + seed);
    }

    /**
     * Each live member as GetMember shows it: found by id as itself, its status, identities and number
     * of merged members; each merged member, by id and by its enrolment card, answers as its survivor.
     */
    void members(MembersGrpcClient client, ExpectedMembers members) throws Exception {
        for (long id : members.live()) {
            Member member = caller.call(client.getMember(GetMemberRequest.newBuilder().setMember(AdminWorkload.byId(id))
                    .build()));
            String who = "member " + id + seed;
            assertEquals(id, member.getMemberId(), who);
            assertEquals(members.suspended(id) ? MemberStatus.MEMBER_STATUS_SUSPENDED : MemberStatus.MEMBER_STATUS_ACTIVE,
                    member.getStatus(), "status of " + who);
            assertEquals(members.identitiesOf(id), member.getIdentitiesList().stream().map(ExpectedMembers::key).toList(),
                    "identities of " + who);
            assertEquals(members.absorbedBy(id).size(), member.getMergedMembers(), "members merged into " + who);
        }
        for (long merged : members.merged()) {
            long survivor = members.resolve(merged);
            MemberRef card = MemberRef.newBuilder().setCardNumber(members.enrolmentCard(merged)).build();
            assertEquals(survivor, caller.call(client.getMember(GetMemberRequest.newBuilder().setMember(card).build()))
                    .getMemberId(), "card of merged member " + merged + seed);
            assertEquals(survivor, caller.call(client.getBalance(GetBalanceRequest.newBuilder()
                    .setMember(AdminWorkload.byId(merged)).build())).getMemberId(), "merged member " + merged + seed);
        }
    }
}
