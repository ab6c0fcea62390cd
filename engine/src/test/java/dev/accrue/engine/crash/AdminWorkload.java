package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import dev.accrue.loyalty.v1.UnlinkIdentityRequest;
import io.vertx.core.Future;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin side of the crash loop's workload: credits and debits of points (some debits more than
 * the member has, to be refused), merges of members with points, holds and history, identity links
 * and unlinks (and a link of another member's card, to be refused with ALREADY_EXISTS), suspensions
 * and reinstatements (and a redemption while suspended, to be refused). Each is sent like the other
 * commands, kept in doubt until answered and retried after a restart with the same event id; what
 * the answer means goes into the models. An outcome the models rule out (a merge refused, another
 * member's card linked, a suspended member's redemption applied) is a surprise, reported by
 * {@link #assertNoSurprises}. An admin change's reason is its event id, so that its movement can be
 * told by it.
 */
final class AdminWorkload {
    static final String ADMIN = "crash-admin";

    /** The stubs of the engine's current incarnation. */
    record Stubs(MembersGrpcClient members, MemberAdminGrpcClient admin, RedemptionsGrpcClient redemptions) {
    }

    /** A command sent: how to send it (again), and what an answer means; true once an answer settles it. */
    private record Command(Function<Stubs, Future<?>> send, Answer answer) {
    }

    private interface Answer {
        boolean settle(Object reply, Throwable error);
    }

    private final ExpectedLedger ledger;
    private final ExpectedMembers members;
    private final Map<String, Command> inDoubt = new ConcurrentHashMap<>();
    private final List<String> surprises = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private volatile Stubs stubs;

    AdminWorkload(ExpectedLedger ledger, ExpectedMembers members) {
        this.ledger = ledger;
        this.members = members;
    }

    void connect(Stubs stubs) {
        this.stubs = stubs;
    }

    int inDoubt() {
        return inDoubt.size();
    }

    /**
     * Sends one admin command, true; or false if the member drawn does not suit the kind drawn. Unlinks
     * draw from members with identities to unlink, suspended redemptions and (half the) status changes
     * from suspended members, half the merges merge a member with an open hold.
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
        }
        if (what < 5) {
            return credit(random, n, member, outstanding);
        } else if (what < 9) {
            return debit(random, n, member, outstanding);
        } else if (what < 12) {
            return merge(random, n, member, other, outstanding);
        } else if (what < 14) {
            return link(random, n, member, outstanding);
        } else if (what < 15) {
            return unlink(random, n, member, outstanding);
        } else if (what < 16) {
            return conflictingLink(random, n, member, other, outstanding);
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
        send(request.getEventId(), outstanding, s -> s.admin().adjustPoints(request), (reply, error) -> {
            if (error == null) {
                adjusted(request, member, (Balance) reply);
                return true;
            }
            return refusedAsSurprise(error, request.getEventId() + ": a credit refused", member);
        });
        return true;
    }

    /**
     * A debit of a quiet member: within what it surely has (which must be applied: nothing in flight
     * spends its points), or one in four more than that, which the engine refuses unless purchases in
     * flight made up the difference.
     */
    private boolean debit(Random random, int n, long member, AtomicInteger outstanding) {
        long spare = ledger.spendable(member);
        if (!ledger.quiet(member) || !members.claim(member)) {
            return false;
        }
        boolean within = spare > 0 && random.nextInt(4) != 0;
        long points = within ? 1 + random.nextInt((int) Math.min(spare, 300)) : Math.max(spare, 0) + 1 + random.nextInt(50);
        AdjustPointsRequest request = adjustment(random, n, member, -points);
        send(request.getEventId(), outstanding, s -> s.admin().adjustPoints(request), (reply, error) -> {
            if (error == null) {
                adjusted(request, member, (Balance) reply);
                return true;
            }
            if (!refused(error, GrpcStatus.FAILED_PRECONDITION)) {
                return false;
            }
            if (within) {
                surprises.add(request.getEventId() + ": a debit of " + points + " of " + spare + " spendable refused");
            }
            ledger.adjustmentAnswered(request, member, null);
            count("debits refused");
            members.release(member);
            return true;
        });
        return true;
    }

    private AdjustPointsRequest adjustment(Random random, int n, long member, long points) {
        return AdjustPointsRequest.newBuilder().setEventId("crash-adjust-" + n).setMember(members.ref(random, member))
                .setPoints(points).setOccurredAt(now()).setAdmin(ADMIN).setReason("crash-adjust-" + n).build();
    }

    private void adjusted(AdjustPointsRequest request, long member, Balance balance) {
        expectMember(request.getEventId(), member, balance.getMemberId());
        ledger.adjustmentAnswered(request, member, balance);
        members.changed(new ExpectedMembers.AdminChange(request.getEventId(), "ADJUST_POINTS", member,
                request.getPoints()));
        count(request.getPoints() > 0 ? "credits" : "debits");
        members.release(member);
    }

    /**
     * Merges {@code merged} into {@code survivor}: both active and quiet, the survivor without a hold
     * (the merged one may have one, which the survivor then holds), identities within the limit. Not
     * when the combined debt would take held points: the engine is to refuse that merge (branch
     * membertests), which this model does not yet predict.
     */
    private boolean merge(Random random, int n, long survivor, long merged, AtomicInteger outstanding) {
        if (survivor == merged || members.suspended(survivor) || members.suspended(merged)
                || members.identitiesOf(survivor).size() + members.identitiesOf(merged).size() > 16
                || !ledger.mergeable(survivor, merged) || ledger.spendable(survivor) + ledger.spendable(merged) < 0
                || !members.claim(survivor, merged)) {
            return false;
        }
        MergeMembersRequest request = MergeMembersRequest.newBuilder().setEventId("crash-merge-" + n)
                .setSurvivor(members.ref(random, survivor)).setMerged(members.ref(random, merged)).setOccurredAt(now())
                .setAdmin(ADMIN).setReason("crash-merge-" + n).build();
        send(request.getEventId(), outstanding, s -> s.admin().mergeMembers(request), (reply, error) -> {
            if (error == null) {
                if (ledger.merged(survivor, merged)) {
                    count("merges of a member with a hold");
                }
                members.merged(survivor, merged, request.getEventId());
                expectView(request.getEventId(), survivor, (Member) reply);
                members.changed(new ExpectedMembers.AdminChange(request.getEventId(), "MERGE_MEMBERS", survivor, merged));
                count("merges");
                members.release(survivor, merged);
                return true;
            }
            return refusedAsSurprise(error, request.getEventId() + ": merge of " + merged + " into " + survivor
                    + " refused", survivor, merged);
        });
        return true;
    }

    private boolean link(Random random, int n, long member, AtomicInteger outstanding) {
        if (members.identitiesOf(member).size() >= 8 || !members.claim(member)) {
            return false;
        }
        Identity identity = newIdentity(n);
        LinkIdentityRequest request = LinkIdentityRequest.newBuilder().setEventId("crash-link-" + n)
                .setMember(members.ref(random, member)).setIdentity(identity).setOccurredAt(now()).build();
        send(request.getEventId(), outstanding, s -> s.members().linkIdentity(request), (reply, error) -> {
            if (error == null) {
                members.linked(member, identity);
                expectView(request.getEventId(), member, (Member) reply);
                count("links");
                members.release(member);
                return true;
            }
            return refusedAsSurprise(error, request.getEventId() + ": link refused", member);
        });
        return true;
    }

    private boolean unlink(Random random, int n, long member, AtomicInteger outstanding) {
        List<Identity> linked = members.linkedBy(member);
        if (linked.isEmpty() || !members.claim(member)) {
            return false;
        }
        Identity identity = linked.get(random.nextInt(linked.size()));
        UnlinkIdentityRequest request = UnlinkIdentityRequest.newBuilder().setEventId("crash-unlink-" + n)
                .setMember(members.ref(random, member)).setIdentity(identity).setOccurredAt(now()).build();
        send(request.getEventId(), outstanding, s -> s.members().unlinkIdentity(request), (reply, error) -> {
            if (error == null) {
                members.unlinked(member, identity);
                expectView(request.getEventId(), member, (Member) reply);
                count("unlinks");
                members.release(member);
                return true;
            }
            return refusedAsSurprise(error, request.getEventId() + ": unlink refused", member);
        });
        return true;
    }

    /** Links another member's enrolment card: ALREADY_EXISTS, and nothing changes. */
    private boolean conflictingLink(Random random, int n, long member, long owner, AtomicInteger outstanding) {
        if (member == owner || !members.claim(member, owner)) {
            return false;
        }
        LinkIdentityRequest request = LinkIdentityRequest.newBuilder().setEventId("crash-conflict-" + n)
                .setMember(members.ref(random, member))
                .setIdentity(Identity.newBuilder().setCardNumber(members.enrolmentCard(owner))).setOccurredAt(now())
                .build();
        send(request.getEventId(), outstanding, s -> s.members().linkIdentity(request), (reply, error) -> {
            if (error == null) {
                surprises.add(request.getEventId() + ": linked " + owner + "'s card to " + member);
            } else if (refused(error, GrpcStatus.ALREADY_EXISTS)) {
                count("conflicting links refused");
            } else {
                return false;
            }
            members.release(member, owner);
            return true;
        });
        return true;
    }

    /**
     * Suspends an active, quiet member or reinstates a suspended one; one in five sets the status the
     * member has, which changes nothing and is not audited.
     */
    private boolean setStatus(Random random, int n, long member, AtomicInteger outstanding) {
        boolean suspended = members.suspended(member);
        boolean same = random.nextInt(5) == 0;
        boolean suspend = suspended == same;
        if (suspend && !suspended && !ledger.quiet(member) || !members.claim(member)) {
            return false;
        }
        MemberStatus status = suspend ? MemberStatus.MEMBER_STATUS_SUSPENDED : MemberStatus.MEMBER_STATUS_ACTIVE;
        SetMemberStatusRequest request = SetMemberStatusRequest.newBuilder().setEventId("crash-status-" + n)
                .setMember(members.ref(random, member)).setStatus(status).setOccurredAt(now()).setAdmin(ADMIN)
                .setReason("crash-status-" + n).build();
        send(request.getEventId(), outstanding, s -> s.admin().setMemberStatus(request), (reply, error) -> {
            if (error == null) {
                members.statusSet(member, suspend);
                expectView(request.getEventId(), member, (Member) reply);
                if (!same) {
                    members.changed(new ExpectedMembers.AdminChange(request.getEventId(), "SET_MEMBER_STATUS", member,
                            status.getNumber()));
                }
                count(same ? "statuses unchanged" : suspend ? "suspensions" : "reinstatements");
                members.release(member);
                return true;
            }
            return refusedAsSurprise(error, request.getEventId() + ": status refused", member);
        });
        return true;
    }

    /** A suspended member cannot spend: a point it surely has is refused (FAILED_PRECONDITION), and nothing changes. */
    private boolean redeemWhileSuspended(Random random, int n, long member, AtomicInteger outstanding) {
        if (!members.suspended(member) || ledger.spendable(member) < 1 || !ledger.quiet(member)
                || !members.claim(member)) {
            return false;
        }
        RedeemRequest request = RedeemRequest.newBuilder().setEventId("crash-suspended-redeem-" + n)
                .setMember(members.ref(random, member)).setPartnerId("partner-0").setStoreId("store-0")
                .setOccurredAt(now()).setPoints(1).build();
        send(request.getEventId(), outstanding, s -> s.redemptions().redeem(request), (reply, error) -> {
            if (error == null) {
                surprises.add(request.getEventId() + ": suspended member " + member + " redeemed");
            } else if (refused(error, GrpcStatus.FAILED_PRECONDITION)) {
                count("suspended redemptions refused");
            } else {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    private void send(String eventId, AtomicInteger outstanding, Function<Stubs, Future<?>> send, Answer answer) {
        Command command = new Command(send, answer);
        outstanding.incrementAndGet();
        inDoubt.put(eventId, command);
        command.send().apply(stubs).onComplete(result -> {
            if (command.answer().settle(result.result(), result.cause())) {
                inDoubt.remove(eventId);
            }
            outstanding.decrementAndGet();
        });
    }

    /**
     * After a restart: every admin command whose answer was lost, sent again with the same event id.
     * It was applied once or not at all; the retry's answer is the one the first would have been.
     */
    void retryInDoubt(long seed) {
        for (Map.Entry<String, Command> doubt : inDoubt.entrySet()) {
            Object reply = null;
            Throwable error = null;
            try {
                reply = doubt.getValue().send().apply(stubs).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                error = e;
            }
            if (!doubt.getValue().answer().settle(reply, error)) {
                throw new AssertionError("retry of " + doubt.getKey() + " failed: " + error + ", seed " + seed, error);
            }
            inDoubt.remove(doubt.getKey());
        }
    }

    void assertNoSurprises(long seed) {
        assertEquals(List.of(), surprises, "admin answers the model rules out, seed " + seed);
    }

    /** Answers by kind, for the run's summary. */
    String summary() {
        return new TreeMap<>(answered).toString();
    }

    private void count(String what) {
        answered.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * A change's answer is the member's whole view after it (a retry's repeats the member id alone):
     * the member it was sent to, its status, identities and merged members as the model has them now
     * (the member is busy until this answer, so nothing else changed them).
     */
    private void expectView(String eventId, long member, Member answer) {
        expectMember(eventId, member, answer.getMemberId());
        if (answer.getIdentitiesCount() == 0) {
            return;
        }
        MemberStatus status = members.suspended(member) ? MemberStatus.MEMBER_STATUS_SUSPENDED
                : MemberStatus.MEMBER_STATUS_ACTIVE;
        List<String> identities = answer.getIdentitiesList().stream().map(ExpectedMembers::key).toList();
        if (answer.getStatus() != status || !identities.equals(members.identitiesOf(member))
                || answer.getMergedMembers() != members.absorbedBy(member).size()) {
            surprises.add(eventId + ": answered " + answer.getStatus() + " " + identities + " "
                    + answer.getMergedMembers() + " merged, expected " + status + " " + members.identitiesOf(member)
                    + " " + members.absorbedBy(member).size());
        }
    }

    private void expectMember(String eventId, long expected, long answered) {
        if (answered != expected) {
            surprises.add(eventId + ": answered for member " + answered + ", sent to " + expected);
        }
    }

    /** A refusal the model rules out: a surprise, and the members are free again. False for any other error. */
    private boolean refusedAsSurprise(Throwable error, String surprise, long... memberIds) {
        if (!refused(error, GrpcStatus.FAILED_PRECONDITION) && !refused(error, GrpcStatus.ALREADY_EXISTS)
                && !refused(error, GrpcStatus.NOT_FOUND)) {
            return false;
        }
        surprises.add(surprise + ": " + error);
        members.release(memberIds);
        return true;
    }

    static boolean refused(Throwable error, GrpcStatus status) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidStatusException e && e.actualStatus() == status) {
                return true;
            }
        }
        return false;
    }

    /** A new identity of one of the four kinds; e-mail hashes as the API wants them. */
    private static Identity newIdentity(int n) {
        Identity.Builder identity = Identity.newBuilder();
        return switch (n % 4) {
            case 0 -> identity.setCardNumber("CRASH-LINK-" + n).build();
            case 1 -> identity.setEshopCustomerId("crash-shop-" + n).build();
            case 2 -> identity.setPhone(String.format("+42060%07d", n)).build();
            default -> identity.setEmailHash(sha256("crash-" + n + "@example.test")).build();
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp now() {
        return Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
    }

    static MemberRef byId(long memberId) {
        return MemberRef.newBuilder().setMemberId(memberId).build();
    }
}
