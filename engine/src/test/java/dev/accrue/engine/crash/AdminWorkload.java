package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import io.vertx.grpc.common.GrpcStatus;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.accrue.engine.crash.IdentityChanges.now;

/**
 * The admin side of the crash loop's workload: credits and debits of points (some debits more than
 * the member has, to be refused), merges of members with points, holds and history, identity changes
 * ({@link IdentityChanges}), suspensions and reinstatements (and a redemption while suspended, to be
 * refused). Each is sent like the other commands, kept in doubt until answered and retried after a
 * restart with the same event id ({@link AdminCommands}); what the answer means goes into the models.
 * An outcome the models rule out (a merge refused, a debit within the points refused, a suspended
 * member's redemption applied) is a surprise. An admin change's reason is its event id.
 */
final class AdminWorkload {
    static final String ADMIN = "crash-admin";

    private final ExpectedLedger ledger;
    private final ExpectedMembers members;
    private final AdminCommands commands;
    private final IdentityChanges identities;

    AdminWorkload(ExpectedLedger ledger, ExpectedMembers members, AdminCommands commands) {
        this.ledger = ledger;
        this.members = members;
        this.commands = commands;
        this.identities = new IdentityChanges(members, commands);
    }

    /**
     * Sends one admin command, true; or false if the member drawn does not suit the kind drawn. Unlinks
     * draw from members with identities to unlink, suspended redemptions and (half the) status changes
     * from suspended members, half the merges merge a member with an open hold (into one in debt, half
     * of those).
     */
    boolean step(Random random, int n, AtomicInteger outstanding) {
        List<Long> live = members.live();
        long member = live.get(random.nextInt(live.size()));
        long other = live.get(random.nextInt(live.size()));
        int what = random.nextInt(20);
        List<Long> suspended = live.stream().filter(members::suspended).toList();
        if (!suspended.isEmpty() && (what >= 18 || what >= 16 && random.nextBoolean())) {
            member = suspended.get(random.nextInt(suspended.size()));
        }
        List<Long> withLinks = live.stream().filter(m -> !members.linkedBy(m).isEmpty()).toList();
        if (what == 14 && !withLinks.isEmpty()) {
            member = withLinks.get(random.nextInt(withLinks.size()));
        }
        List<Long> holding = ledger.holding();
        if (what >= 9 && what < 12 && !holding.isEmpty() && random.nextBoolean()) {
            other = holding.get(random.nextInt(holding.size()));
            // A survivor holds no hold, so members in debt beside a hold of their own are no survivors.
            List<Long> inDebt = live.stream().filter(m -> ledger.spendable(m) < 0 && !holding.contains(m)).toList();
            if (!inDebt.isEmpty() && random.nextBoolean()) {
                member = inDebt.get(random.nextInt(inDebt.size()));
            }
        }
        if (what < 5) {
            return credit(random, n, member, outstanding);
        } else if (what < 9) {
            return debit(random, n, member, outstanding);
        } else if (what < 12) {
            return merge(random, n, member, other, outstanding);
        } else if (what < 14) {
            return identities.link(random, n, member, outstanding);
        } else if (what < 15) {
            return identities.unlink(random, n, member, outstanding);
        } else if (what < 16) {
            return identities.conflictingLink(random, n, member, other, outstanding);
        } else if (what < 18) {
            return setStatus(random, n, member, outstanding);
        }
        return redeemWhileSuspended(random, n, member, outstanding);
    }

    private boolean credit(Random random, int n, long member, AtomicInteger outstanding) {
        if (!members.claim(member)) {
            return false;
        }
        AdjustPointsRequest request = adjustment(random, n, member, 1 + random.nextInt(300));
        commands.send(request.getEventId(), outstanding, s -> s.admin().adjustPoints(request), (reply, error) -> {
            if (error == null) {
                adjusted(request, member, (Balance) reply);
            } else if (!commands.refusedAsSurprise(error, request.getEventId() + ": a credit refused")) {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    /**
     * A debit of a quiet member: within what it surely has (which must be applied: nothing in flight
     * spends its points), or one in four more than that, which the engine refuses unless purchases in
     * flight made up the difference.
     */
    private boolean debit(Random random, int n, long member, AtomicInteger outstanding) {
        // Claimed before it is judged: an admin answer landing between would leave the judgement stale.
        if (!members.claim(member)) {
            return false;
        }
        if (!ledger.quiet(member)) {
            members.release(member);
            return false;
        }
        long spare = ledger.spendable(member);
        boolean within = spare > 0 && random.nextInt(4) != 0;
        long points = within ? 1 + random.nextInt((int) Math.min(spare, 300)) : Math.max(spare, 0) + 1 + random.nextInt(50);
        AdjustPointsRequest request = adjustment(random, n, member, -points);
        commands.send(request.getEventId(), outstanding, s -> s.admin().adjustPoints(request), (reply, error) -> {
            if (error == null) {
                adjusted(request, member, (Balance) reply);
            } else if (AdminCommands.refused(error, GrpcStatus.FAILED_PRECONDITION)) {
                if (within) {
                    commands.surprise(request.getEventId() + ": a debit of " + points + " of " + spare + " refused");
                }
                commands.count("debits refused");
            } else {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    private AdjustPointsRequest adjustment(Random random, int n, long member, long points) {
        String eventId = "crash-adjust-" + n;
        return AdjustPointsRequest.newBuilder().setEventId(eventId).setMember(members.ref(random, member))
                .setPoints(points).setOccurredAt(now()).setAdmin(ADMIN).setReason(eventId).build();
    }

    private void adjusted(AdjustPointsRequest request, long member, Balance balance) {
        if (balance.getMemberId() != member) {
            commands.surprise(request.getEventId() + ": answered for member " + balance.getMemberId() + ", sent to "
                    + member);
        }
        ledger.adjustmentAcknowledged(request, member, balance);
        members.changed(new ExpectedMembers.AdminChange(request.getEventId(), "ADJUST_POINTS", member,
                request.getPoints()));
        commands.count(request.getPoints() > 0 ? "credits" : "debits");
    }

    /**
     * Merges {@code merged} into {@code survivor}: both active and quiet, the survivor without a hold
     * (the merged one may have one, which the survivor then holds), identities within the limit. The
     * combined debt never takes the held points, so no refusal is expected: any is a surprise.
     */
    private boolean merge(Random random, int n, long survivor, long merged, AtomicInteger outstanding) {
        // Claimed first: the live members drawn may have been merged since, which the claim refuses.
        if (survivor == merged || !members.claim(survivor, merged)) {
            return false;
        }
        if (members.suspended(survivor) || members.suspended(merged)
                || members.identitiesOf(survivor).size() + members.identitiesOf(merged).size() > 16
                || !ledger.mergeable(survivor, merged)) {
            members.release(survivor, merged);
            return false;
        }
        String eventId = "crash-merge-" + n;
        MergeMembersRequest request = MergeMembersRequest.newBuilder().setEventId(eventId)
                .setSurvivor(members.ref(random, survivor)).setMerged(members.ref(random, merged)).setOccurredAt(now())
                .setAdmin(ADMIN).setReason(eventId).build();
        commands.send(eventId, outstanding, s -> s.admin().mergeMembers(request), (reply, error) -> {
            if (error == null) {
                if (ledger.merged(survivor, merged)) {
                    commands.count("merges of a member with a hold");
                }
                members.merged(survivor, merged, eventId);
                members.expectView(eventId, survivor, (Member) reply).ifPresent(commands::surprise);
                members.changed(new ExpectedMembers.AdminChange(eventId, "MERGE_MEMBERS", survivor, merged));
                commands.count("merges");
            } else if (!commands.refusedAsSurprise(error, eventId + ": merge of " + merged + " into " + survivor)) {
                return false;
            }
            members.release(survivor, merged);
            return true;
        });
        return true;
    }

    /**
     * Suspends an active, quiet member or reinstates a suspended one; one in five sets the status the
     * member has, which changes nothing and is not audited.
     */
    private boolean setStatus(Random random, int n, long member, AtomicInteger outstanding) {
        boolean same = random.nextInt(5) == 0;
        if (!members.claim(member)) {
            return false;
        }
        boolean suspended = members.suspended(member);
        boolean suspend = suspended == same;
        if (suspend && !suspended && !ledger.quiet(member)) {
            members.release(member);
            return false;
        }
        String eventId = "crash-status-" + n;
        MemberStatus status = suspend ? MemberStatus.MEMBER_STATUS_SUSPENDED : MemberStatus.MEMBER_STATUS_ACTIVE;
        SetMemberStatusRequest request = SetMemberStatusRequest.newBuilder().setEventId(eventId)
                .setMember(members.ref(random, member)).setStatus(status).setOccurredAt(now()).setAdmin(ADMIN)
                .setReason(eventId).build();
        commands.send(eventId, outstanding, s -> s.admin().setMemberStatus(request), (reply, error) -> {
            if (error == null) {
                members.statusSet(member, suspend);
                members.expectView(eventId, member, (Member) reply).ifPresent(commands::surprise);
                if (!same) {
                    members.changed(new ExpectedMembers.AdminChange(eventId, "SET_MEMBER_STATUS", member,
                            status.getNumber()));
                }
                commands.count(same ? "statuses unchanged" : suspend ? "suspensions" : "reinstatements");
            } else if (!commands.refusedAsSurprise(error, eventId + ": status refused")) {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    /** A suspended member cannot spend: a point it surely has is refused (FAILED_PRECONDITION), and nothing changes. */
    private boolean redeemWhileSuspended(Random random, int n, long member, AtomicInteger outstanding) {
        if (!members.claim(member)) {
            return false;
        }
        if (!members.suspended(member) || ledger.spendable(member) < 1 || !ledger.quiet(member)) {
            members.release(member);
            return false;
        }
        RedeemRequest request = RedeemRequest.newBuilder().setEventId("crash-suspended-redeem-" + n)
                .setMember(members.ref(random, member)).setPartnerId("partner-0").setStoreId("store-0")
                .setOccurredAt(now()).setPoints(1).build();
        commands.send(request.getEventId(), outstanding, s -> s.redemptions().redeem(request), (reply, error) -> {
            if (error == null) {
                commands.surprise(request.getEventId() + ": suspended member " + member + " redeemed");
            } else if (AdminCommands.refused(error, GrpcStatus.FAILED_PRECONDITION)) {
                commands.count("suspended redemptions refused");
            } else {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    static MemberRef byId(long memberId) {
        return MemberRef.newBuilder().setMemberId(memberId).build();
    }
}
