package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.ReturnedLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What the crash loop's client knows: the purchases and returns the engine acknowledged, and so what
 * each member's points and history must be. Under the test programs (base earn only, one rate per
 * phase, nothing pending or expiring) a line earns {@code floor(amount * rate / 100)} and a return of
 * q more of a line's Q units takes back its cumulative share {@code floor(linePoints * q / Q)}.
 *
 * <p>Redemptions: a member's points are net = earned - taken back - redeemed (acknowledged only; a
 * refused one counts nothing). Whatever order the engine applies them in, lots - debt = net, and a
 * member with debt holds no lots but what its hold keeps (PointLots: a return's shortfall becomes
 * debt, debt never takes held points, later credits and freed holds pay debt first, a redemption never
 * spends more than is spendable), so lots = max(net, held): the balance's available (spendable) is
 * max(net - held, 0) and its debt max(held - net, 0).
 *
 * <p>Admin adjustments count like purchases (credits) and redemptions (debits): net = earned - taken
 * back - redeemed + adjusted. Every command is kept under the member it was sent to (a live member,
 * whatever alias the request names it by); sums are by the member it is now, through the merges
 * acknowledged since ({@link ExpectedMembers#resolve}), as a merge moves points, debt and totals whole.
 *
 * <p>Returns of one purchase are sent one at a time (the next only after the previous is answered),
 * so the order they apply in, and with it their shares, is the order they were sent.
 *
 * <p>Holds: at most one per member. A hold is sent only while its member has no return or
 * redemption unanswered, and a return or redemption only while its member has no hold unanswered:
 * either could apply before the hold and leave too few points to hold, so the hold's answer would
 * depend on the order they applied in. Once the hold is acknowledged, returns and redemptions may
 * follow, while it is open and while its capture or void is in flight, in any order: a return takes
 * only points no hold keeps (the rest is debt) and a redemption spends only those (or is refused,
 * which its answer says), so the capture redeems exactly what it asks whatever applied first, and
 * what a void or partial capture frees pays the debt; the formula above covers every order.
 * Thread-safe: the driving thread sends, the event loops record answers.
 */
final class ExpectedLedger {
    /** A purchase sent to {@code memberId} at {@code pointsPerEuro}; its receipt once acknowledged. */
    record SentPurchase(Purchase purchase, long memberId, long pointsPerEuro, PurchaseReceipt receipt) {
        /** What each line earns: a purchase without lines is one line of one unit. */
        long[] linePoints() {
            if (purchase.getLinesCount() == 0) {
                return new long[] {purchase.getTotalMinor() * pointsPerEuro / 100};
            }
            return purchase.getLinesList().stream().mapToLong(l -> l.getAmountMinor() * pointsPerEuro / 100).toArray();
        }

        long[] lineUnits() {
            if (purchase.getLinesCount() == 0) {
                return new long[] {1};
            }
            return purchase.getLinesList().stream().mapToLong(LineItem::getQuantity).toArray();
        }
    }

    /** A return sent, the points it must take back, and its receipt once acknowledged. */
    record SentReturn(Return request, long memberId, long expectedTaken, ReturnReceipt receipt) {
    }

    /** A redemption sent to {@code memberId}, and its receipt once acknowledged. */
    record SentRedemption(RedeemRequest request, long memberId, RedemptionReceipt receipt) {
    }

    /** An adjustment of {@code memberId}'s points acknowledged, and the balance it answered. */
    record SentAdjustment(AdjustPointsRequest request, long memberId, Balance reply) {
    }

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

    /** Units of an acknowledged purchase sent back so far, and whether a return of it is unanswered. */
    private static final class Returnable {
        final SentPurchase purchase;
        final long[] returned;
        boolean busy;

        Returnable(SentPurchase purchase) {
            this.purchase = purchase;
            this.returned = new long[purchase.lineUnits().length];
        }

        boolean exhausted() {
            long[] units = purchase.lineUnits();
            for (int i = 0; i < units.length; i++) {
                if (returned[i] < units[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final ExpectedMembers members;
    private final Map<String, SentPurchase> purchases = new HashMap<>();
    private final Map<String, SentReturn> returns = new HashMap<>();
    private final Map<String, Returnable> returnable = new HashMap<>();
    private final List<String> candidates = new ArrayList<>();
    private final Map<String, SentRedemption> redemptions = new HashMap<>();
    /** Redemptions refused (FAILED_PRECONDITION): they changed nothing. */
    private int refused;
    /** Points of unanswered redemptions per member, so the next ones ask for what is likely left. */
    private final Map<Long, Long> reserved = new HashMap<>();
    /** Unanswered returns per member. */
    private final Map<Long, Integer> returnsOut = new HashMap<>();
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
    private final Map<String, SentAdjustment> adjustments = new HashMap<>();

    ExpectedLedger(ExpectedMembers members) {
        this.members = members;
    }

    synchronized void purchaseAcknowledged(SentPurchase sent) {
        purchases.put(sent.purchase().getEventId(), sent);
        if (returnable.putIfAbsent(sent.purchase().getEventId(), new Returnable(sent)) == null) {
            candidates.add(sent.purchase().getEventId());
        }
    }

    synchronized void returnAcknowledged(SentReturn sent) {
        returns.put(sent.request().getEventId(), sent);
        Returnable r = returnable.get(sent.request().getPurchaseEventId());
        if (r.busy) {
            r.busy = false;
            returnsOut.merge(sent.memberId(), -1, Integer::sum);
        }
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

    /**
     * A hold on a member with points, no hold, and no redemption or return unanswered (either could
     * apply first and leave too few points): a small part of its points, or (one in three) all of them,
     * so that a return that follows takes it into debt; it surely has them (only purchases may be in
     * flight, and they add). Null if none.
     */
    synchronized HoldRequest nextHold(Random random, List<Long> live, HoldRequest.Builder header) {
        Map<Long, Long> net = netByMember();
        for (int attempt = 0; attempt < 8; attempt++) {
            long member = live.get(random.nextInt(live.size()));
            long spare = net.getOrDefault(member, 0L);
            if (spare <= 0 || holds.containsKey(member) || reserved.getOrDefault(member, 0L) != 0
                    || returnsOut.getOrDefault(member, 0) != 0 || members.busy(member) || members.suspended(member)
                    || !members.isLive(member)) {
                continue;
            }
            long points = random.nextInt(3) == 0 ? spare : 1 + random.nextInt((int) Math.min(spare, 500));
            HoldRequest request = header.setMember(members.ref(random, member)).setPoints(points).build();
            holds.put(member, new Hold(request, member));
            return request;
        }
        return null;
    }

    synchronized void holdAcknowledged(HoldRequest request, HoldReceipt receipt) {
        hold(request.getEventId()).receipt = receipt;
    }

    private Hold hold(String holdId) {
        return holds.values().stream().filter(h -> h.request.getEventId().equals(holdId)).findFirst().orElse(null);
    }

    /** An acknowledged hold not yet closing, now closing; null if none. */
    synchronized Hold nextClose(Random random) {
        List<Hold> open = holds.values().stream()
                .filter(h -> h.receipt != null && !h.closing && !members.busy(h.memberId)).toList();
        if (open.isEmpty()) {
            return null;
        }
        Hold hold = open.get(random.nextInt(open.size()));
        hold.closing = true;
        if (returnsOut.getOrDefault(hold.memberId, 0) != 0) {
            count("captures and voids sent while a return is unanswered");
        }
        return hold;
    }

    synchronized void captureAcknowledged(CaptureRequest request, RedemptionReceipt receipt) {
        Hold hold = hold(request.getHoldId());
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

    synchronized void voidAcknowledged(String holdId) {
        Hold hold = hold(holdId);
        if (hold != null) {
            holds.remove(hold.memberId);
            voids++;
            closedHolds.add(hold);
            if (hold.returnLeftDebt) {
                count("voids after a return took the member into debt");
            }
        }
    }

    synchronized List<Hold> holds() {
        return new ArrayList<>(holds.values());
    }

    synchronized List<SentCapture> captures() {
        return new ArrayList<>(captures.values());
    }

    synchronized List<Hold> closedHolds() {
        return new ArrayList<>(closedHolds);
    }

    synchronized int voids() {
        return voids;
    }

    /** Points in the open holds per member. */
    synchronized Map<Long, Long> heldByMember() {
        Map<Long, Long> held = new HashMap<>();
        holds.values().forEach(h -> held.merge(members.resolve(h.memberId), h.request.getPoints(), Long::sum));
        return held;
    }

    /**
     * Builds a redemption from a member the model thinks has points to spend beyond what its hold
     * keeps (and with no hold unanswered): a small amount of what is left after unanswered
     * redemptions, or (one in five) more than that, to be refused. Null if none has.
     */
    synchronized SentRedemption nextRedemption(Random random, List<Long> live, RedeemRequest.Builder header) {
        Map<Long, Long> net = netByMember();
        Map<Long, Long> held = heldByMember();
        for (int attempt = 0; attempt < 8; attempt++) {
            long member = live.get(random.nextInt(live.size()));
            Hold hold = holds.get(member);
            long spare = net.getOrDefault(member, 0L) - held.getOrDefault(member, 0L) - reserved.getOrDefault(member, 0L);
            if (spare <= 0 || hold != null && hold.receipt == null || members.busy(member) || members.suspended(member)
                    || !members.isLive(member)) {
                continue;
            }
            long points = random.nextInt(5) == 0 ? spare + 1 + random.nextInt(50)
                    : 1 + random.nextInt((int) Math.min(spare, 500));
            reserved.merge(member, points, Long::sum);
            RedeemRequest request = header.setMember(members.ref(random, member)).setPoints(points).build();
            if (hold != null) {
                sentUnderHold.put(request.getEventId(), hold);
            }
            return new SentRedemption(request, member, null);
        }
        return null;
    }

    /** The answer to a redemption: its receipt, or null if it was refused. */
    synchronized void redemptionAnswered(SentRedemption sent, RedemptionReceipt receipt) {
        reserved.merge(sent.memberId(), -sent.request().getPoints(), Long::sum);
        if (sentUnderHold.remove(sent.request().getEventId()) != null) {
            count(receipt == null ? "redemptions refused while a hold is open" : "redemptions while a hold is open");
        }
        if (receipt == null) {
            refused++;
        } else {
            redemptions.put(sent.request().getEventId(), new SentRedemption(sent.request(), sent.memberId(), receipt));
        }
    }

    /**
     * Whether {@code member} has nothing in flight that an admin debit, status change or merge could
     * race: no redemption or return unanswered, and no hold unless acknowledged and not closing.
     */
    synchronized boolean quiet(long member) {
        Hold hold = holds.get(member);
        return reserved.getOrDefault(member, 0L) == 0 && returnsOut.getOrDefault(member, 0) == 0
                && (hold == null || hold.receipt != null && !hold.closing);
    }

    /** Whether {@code merged} may be merged into {@code survivor}: both quiet, and the survivor holds no hold. */
    synchronized boolean mergeable(long survivor, long merged) {
        return quiet(survivor) && quiet(merged) && !holds.containsKey(survivor);
    }

    /** Members with an acknowledged hold not closing. */
    synchronized List<Long> holding() {
        return holds.values().stream().filter(h -> h.receipt != null && !h.closing).map(Hold::memberId).toList();
    }

    /** A merge was acknowledged: the merged member's hold is the survivor's now. True if it had one. */
    synchronized boolean merged(long survivor, long merged) {
        if (holds.containsKey(merged) && (spendable(merged) < 0 || spendable(survivor) < 0)) {
            count("merges of a member with a hold where either owes points");
        }
        Hold hold = holds.remove(merged);
        if (hold != null) {
            hold.memberId = survivor;
            holds.put(survivor, hold);
        }
        return hold != null;
    }

    /** Points {@code member} surely has to spend: net of what is acknowledged, less what is held. */
    synchronized long spendable(long member) {
        return netByMember().getOrDefault(member, 0L) - heldByMember().getOrDefault(member, 0L);
    }

    synchronized void adjustmentAcknowledged(AdjustPointsRequest request, long memberId, Balance reply) {
        adjustments.putIfAbsent(request.getEventId(), new SentAdjustment(request, memberId, reply));
    }

    synchronized List<SentAdjustment> adjustments() {
        return new ArrayList<>(adjustments.values());
    }

    /** Points adjusted per member (lifetime_adjusted). */
    synchronized Map<Long, Long> adjustedByMember() {
        Map<Long, Long> adjusted = new HashMap<>();
        adjustments.values().forEach(a -> adjusted.merge(members.resolve(a.memberId()), a.request().getPoints(),
                Long::sum));
        return adjusted;
    }

    synchronized List<SentRedemption> redemptions() {
        return new ArrayList<>(redemptions.values());
    }

    synchronized int refused() {
        return refused;
    }

    /** Points redeemed per member (acknowledged). */
    synchronized Map<Long, Long> redeemedByMember() {
        Map<Long, Long> redeemed = new HashMap<>();
        redemptions.values().forEach(r -> redeemed.merge(members.resolve(r.memberId()), r.receipt().getPointsRedeemed(),
                Long::sum));
        captures.values().forEach(c -> redeemed.merge(members.resolve(c.memberId()), c.receipt().getPointsRedeemed(),
                Long::sum));
        return redeemed;
    }

    /** Points earned net of returns per member (lifetime_earned), from the receipts. */
    synchronized Map<Long, Long> earnedByMember() {
        Map<Long, Long> net = new HashMap<>();
        purchases.values().forEach(p -> net.merge(members.resolve(p.memberId()), p.receipt().getPointsEarned(),
                Long::sum));
        returns.values().forEach(r -> net.merge(members.resolve(r.memberId()), -r.receipt().getPointsTaken(),
                Long::sum));
        return net;
    }

    synchronized List<SentPurchase> purchases() {
        return new ArrayList<>(purchases.values());
    }

    synchronized List<SentReturn> returns() {
        return new ArrayList<>(returns.values());
    }

    /**
     * Picks an acknowledged purchase with units left and no return unanswered, of a member with no
     * hold unanswered (an acknowledged one is fine), and builds a return of it: everything left (empty
     * lines), or some units of one or two lines. Half the time, while holds are acknowledged, it picks
     * a purchase of a member with one, which few members have. Null if none is found.
     */
    synchronized SentReturn nextReturn(Random random, Return.Builder header) {
        List<String> ofHolders = random.nextBoolean() ? returnableOfHolders() : List.of();
        for (int attempt = 0; attempt < 8 && !candidates.isEmpty(); attempt++) {
            Returnable r;
            if (ofHolders.isEmpty()) {
                int index = random.nextInt(candidates.size());
                r = returnable.get(candidates.get(index));
                if (r.exhausted()) {
                    candidates.set(index, candidates.get(candidates.size() - 1));
                    candidates.remove(candidates.size() - 1);
                    continue;
                }
            } else {
                r = returnable.get(ofHolders.get(random.nextInt(ofHolders.size())));
            }
            long member = members.resolve(r.purchase.memberId());
            Hold hold = holds.get(member);
            if (r.busy || hold != null && hold.receipt == null || members.busy(member)) {
                continue;
            }
            long[] units = r.purchase.lineUnits();
            long[] now = new long[units.length];
            Return.Builder request = header.setPurchaseEventId(r.purchase.purchase().getEventId());
            if (random.nextInt(3) == 0) {
                for (int i = 0; i < units.length; i++) {
                    now[i] = units[i] - r.returned[i];
                }
            } else {
                for (int picks = 1 + random.nextInt(2); picks > 0; picks--) {
                    int line = random.nextInt(units.length);
                    long left = units[line] - r.returned[line] - now[line];
                    if (left > 0) {
                        long quantity = 1 + random.nextInt((int) left);
                        now[line] += quantity;
                        request.addLines(ReturnedLine.newBuilder().setLine(line).setQuantity(quantity));
                    }
                }
                if (request.getLinesCount() == 0) {
                    continue;
                }
            }
            long taken = shareTaken(r.purchase.linePoints(), units, r.returned, now);
            for (int i = 0; i < units.length; i++) {
                r.returned[i] += now[i];
            }
            r.busy = true;
            returnsOut.merge(member, 1, Integer::sum);
            Return sent = request.build();
            if (hold != null) {
                sentUnderHold.put(sent.getEventId(), hold);
            }
            return new SentReturn(sent, member, taken, null);
        }
        return null;
    }

    /** Purchases with units left whose member has an acknowledged hold. */
    private List<String> returnableOfHolders() {
        if (holds.values().stream().noneMatch(h -> h.receipt != null)) {
            return List.of();
        }
        return candidates.stream().filter(id -> !returnable.get(id).exhausted()).filter(id -> {
            Hold hold = holds.get(members.resolve(returnable.get(id).purchase.memberId()));
            return hold != null && hold.receipt != null;
        }).toList();
    }

    /** Points a return of {@code now} more units takes after {@code before} came back: the cumulative line shares. */
    static long shareTaken(long[] linePoints, long[] units, long[] before, long[] now) {
        long taken = 0;
        for (int i = 0; i < units.length; i++) {
            taken += linePoints[i] * (before[i] + now[i]) / units[i] - linePoints[i] * before[i] / units[i];
        }
        return taken;
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    /** How often each case of holds meeting returns and redemptions came up, for the run's summary. */
    synchronized String summary() {
        return counts.toString();
    }

    /** Points earned net of returns, redemptions and adjustments per member, from the receipts. */
    synchronized Map<Long, Long> netByMember() {
        Map<Long, Long> net = earnedByMember();
        redeemedByMember().forEach((member, points) -> net.merge(member, -points, Long::sum));
        adjustedByMember().forEach((member, points) -> net.merge(member, points, Long::sum));
        return net;
    }
}
