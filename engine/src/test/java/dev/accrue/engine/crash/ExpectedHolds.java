package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The holds side of the {@link ExpectedLedger}: the open holds and what they keep, the captures and
 * voids acknowledged, and how often holds met returns and redemptions.
 *
 * <p>At most one hold per member. A hold is sent only while its member has no return or redemption
 * unanswered ({@link UnansweredByMember}), and a return or redemption only while its member has no
 * hold unanswered: either could apply before the hold and leave too few points to hold, so the hold's
 * answer would depend on the order they applied in. Once the hold is acknowledged, returns and
 * redemptions may follow, while it is open and while its capture or void is in flight, in any order:
 * a return takes only points no hold keeps (the rest is debt) and a redemption spends only those (or
 * is refused, which its answer says), so the capture redeems exactly what it asks whatever applied
 * first, and what a void or partial capture frees pays the debt; the ledger's formula covers every
 * order.
 *
 * <p>Not thread-safe on its own: the ledger owns it and calls it under its lock.
 */
final class ExpectedHolds {
    /**
     * A hold sent (receipt once acknowledged); closing once its capture or void is sent. Its member is
     * the one it was sent to, then the survivor of a merge of that one.
     */
    static final class Hold {
        final HoldRequest request;
        long memberId;
        HoldReceipt receipt;
        boolean closing;
        /** A return applied while it was open left its member owing points (the return's receipt said so). */
        boolean returnLeftDebt;

        Hold(HoldRequest request, long memberId) {
            this.request = request;
            this.memberId = memberId;
        }

        long memberId() {
            return memberId;
        }
    }

    /** A capture sent, the points it must redeem (all held when it asks 0), and its receipt once acknowledged. */
    record SentCapture(CaptureRequest request, long memberId, long expected, RedemptionReceipt receipt) {
    }

    private final ExpectedMembers members;
    private final UnansweredByMember unanswered;
    /**
     * At most one hold per member, from the hold sent until its capture or void is answered. Until the
     * hold is acknowledged its member gets no redemption and no return (see the class comment).
     */
    private final Map<Long, Hold> holds = new HashMap<>();
    /** Returns and redemptions unanswered that were sent while their member's hold was open, by event id. */
    private final Map<String, Hold> sentUnderHold = new HashMap<>();
    /** How often the cases holds and returns meet came up, for the run's summary. */
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, SentCapture> captures = new HashMap<>();
    /** Holds captured or voided (acknowledged), with the member that held them then. */
    private final List<Hold> closedHolds = new ArrayList<>();
    private int voids;

    ExpectedHolds(ExpectedMembers members, UnansweredByMember unanswered) {
        this.members = members;
        this.unanswered = unanswered;
    }

    /**
     * A hold on a member with points ({@code net}), no hold, and no redemption or return unanswered
     * (either could apply first and leave too few points): a small part of its points, or (one in
     * three) all of them, so that a return that follows takes it into debt; it surely has them (only
     * purchases may be in flight, and they add). Null if none.
     */
    HoldRequest next(Random random, List<Long> live, HoldRequest.Builder header, Map<Long, Long> net) {
        for (int attempt = 0; attempt < 8; attempt++) {
            long member = live.get(random.nextInt(live.size()));
            long spare = net.getOrDefault(member, 0L);
            if (spare <= 0 || holds.containsKey(member) || !unanswered.none(member) || members.busy(member)
                    || members.suspended(member) || !members.isLive(member)) {
                continue;
            }
            long points = random.nextInt(3) == 0 ? spare : 1 + random.nextInt((int) Math.min(spare, 500));
            HoldRequest request = header.setMember(members.ref(random, member)).setPoints(points).build();
            holds.put(member, new Hold(request, member));
            return request;
        }
        return null;
    }

    void acknowledged(HoldRequest request, HoldReceipt receipt) {
        byId(request.getEventId()).receipt = receipt;
    }

    private Hold byId(String holdId) {
        return holds.values().stream().filter(h -> h.request.getEventId().equals(holdId)).findFirst().orElse(null);
    }

    /** An acknowledged hold not yet closing, now closing; null if none. */
    Hold nextClose(Random random) {
        List<Hold> open = holds.values().stream()
                .filter(h -> h.receipt != null && !h.closing && !members.busy(h.memberId)).toList();
        if (open.isEmpty()) {
            return null;
        }
        Hold hold = open.get(random.nextInt(open.size()));
        hold.closing = true;
        if (unanswered.returning(hold.memberId)) {
            count("captures and voids sent while a return is unanswered");
        }
        return hold;
    }

    void captureAcknowledged(CaptureRequest request, RedemptionReceipt receipt) {
        Hold hold = byId(request.getHoldId());
        if (hold == null) {
            return; // a late second answer
        }
        holds.remove(hold.memberId);
        long expected = request.getPoints() == 0 ? hold.request.getPoints() : request.getPoints();
        captures.put(request.getEventId(), new SentCapture(request, hold.memberId, expected, receipt));
        closedHolds.add(hold);
        if (hold.returnLeftDebt) {
            count("captures after a return took the member into debt");
        }
    }

    void voidAcknowledged(String holdId) {
        Hold hold = byId(holdId);
        if (hold != null) {
            holds.remove(hold.memberId);
            voids++;
            closedHolds.add(hold);
            if (hold.returnLeftDebt) {
                count("voids after a return took the member into debt");
            }
        }
    }

    /** Whether {@code member} has a hold, from its sending until its capture or void is answered. */
    boolean has(long member) {
        return holds.containsKey(member);
    }

    /** Whether {@code member} has a hold not yet acknowledged: it gets no redemption and no return. */
    boolean unacknowledged(long member) {
        Hold hold = holds.get(member);
        return hold != null && hold.receipt == null;
    }

    /** Whether {@code member} has a hold, and it is acknowledged. */
    boolean acknowledged(long member) {
        Hold hold = holds.get(member);
        return hold != null && hold.receipt != null;
    }

    boolean anyAcknowledged() {
        return holds.values().stream().anyMatch(h -> h.receipt != null);
    }

    /** Whether {@code member}'s hold, if any, is acknowledged and not closing: nothing of it is in flight. */
    boolean settled(long member) {
        Hold hold = holds.get(member);
        return hold == null || hold.receipt != null && !hold.closing;
    }

    /** Members with an acknowledged hold not closing. */
    List<Long> holding() {
        return holds.values().stream().filter(h -> h.receipt != null && !h.closing).map(Hold::memberId).toList();
    }

    /** Points in the open holds per member. */
    Map<Long, Long> heldByMember() {
        Map<Long, Long> held = new HashMap<>();
        holds.values().forEach(h -> held.merge(members.resolve(h.memberId), h.request.getPoints(), Long::sum));
        return held;
    }

    /**
     * A merge was acknowledged: the merged member's hold is the survivor's now. True if it had one.
     * {@code eitherOwes}: the survivor or the merged member owed points just before.
     */
    boolean merged(long survivor, long merged, boolean eitherOwes) {
        if (holds.containsKey(merged) && eitherOwes) {
            count("merges of a member with a hold where either owes points");
        }
        Hold hold = holds.remove(merged);
        if (hold != null) {
            hold.memberId = survivor;
            holds.put(survivor, hold);
        }
        return hold != null;
    }

    /** A return or redemption {@code eventId} sent to {@code member}: noted if the member's hold is open. */
    void sentAlongside(String eventId, long member) {
        Hold hold = holds.get(member);
        if (hold != null) {
            sentUnderHold.put(eventId, hold);
        }
    }

    /** A return acknowledged: if it was sent while a hold was open, whether it left the member in debt beside it. */
    void returnAcknowledged(ExpectedLedger.SentReturn sent) {
        Hold hold = sentUnderHold.remove(sent.request().getEventId());
        if (hold != null) {
            count("returns while a hold is open");
            // Not closing now, so no capture or void was sent before the return applied: the hold
            // was open then, and the debt the receipt names is owed beside the points it keeps.
            if (hold == holds.get(sent.memberId()) && !hold.closing && sent.receipt().getDebt() > 0) {
                hold.returnLeftDebt = true;
                count("returns leaving a member with an open hold in debt");
            }
        }
    }

    /** A redemption answered (refused, or not): counted if it was sent while a hold was open. */
    void redemptionAnswered(String eventId, boolean refused) {
        if (sentUnderHold.remove(eventId) != null) {
            count(refused ? "redemptions refused while a hold is open" : "redemptions while a hold is open");
        }
    }

    List<Hold> open() {
        return new ArrayList<>(holds.values());
    }

    List<SentCapture> captures() {
        return new ArrayList<>(captures.values());
    }

    List<Hold> closed() {
        return new ArrayList<>(closedHolds);
    }

    int voids() {
        return voids;
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    /** How often each case of holds meeting returns and redemptions came up, for the run's summary. */
    String summary() {
        return counts.toString();
    }
}
