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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the crash loop's client knows: the purchases and returns the engine acknowledged, and so what
 * each member's points and history must be. Under the test programs (base earn only, one rate per
 * phase, nothing pending or expiring) a line earns {@code floor(amount * rate / 100)}; what a return
 * takes back is its lines' share ({@link ReturnablePurchases}).
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
 * <p>Holds, captures and voids, and when a hold may meet returns and redemptions, are kept by
 * {@link ExpectedHolds}; the returns and redemptions each member has unanswered, which both judge by,
 * by {@link UnansweredByMember}. Thread-safe: the driving thread sends, the event loops record
 * answers; the collaborators are only reached under this ledger's lock.
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

        SentPurchase answered(PurchaseReceipt answer) {
            return new SentPurchase(purchase, memberId, pointsPerEuro, answer);
        }
    }

    /** A return sent, the points it must take back, and its receipt once acknowledged. */
    record SentReturn(Return request, long memberId, long expectedTaken, ReturnReceipt receipt) {
        SentReturn answered(ReturnReceipt answer) {
            return new SentReturn(request, memberId, expectedTaken, answer);
        }
    }

    /** A redemption sent to {@code memberId}, and its receipt once acknowledged. */
    record SentRedemption(RedeemRequest request, long memberId, RedemptionReceipt receipt) {
    }

    /** An adjustment of {@code memberId}'s points acknowledged, and the balance it answered. */
    record SentAdjustment(AdjustPointsRequest request, long memberId, Balance reply) {
    }

    private final ExpectedMembers members;
    private final UnansweredByMember unanswered = new UnansweredByMember();
    private final ExpectedHolds holds;
    private final ReturnablePurchases returnable;
    private final Map<String, SentPurchase> purchases = new HashMap<>();
    private final Map<String, SentReturn> returns = new HashMap<>();
    private final Map<String, SentRedemption> redemptions = new HashMap<>();
    /** Redemptions refused (FAILED_PRECONDITION): they changed nothing. */
    private int refused;
    private final Map<String, SentAdjustment> adjustments = new HashMap<>();

    ExpectedLedger(ExpectedMembers members) {
        this.members = members;
        this.holds = new ExpectedHolds(members, unanswered);
        this.returnable = new ReturnablePurchases(members, holds, unanswered);
    }

    synchronized void purchaseAcknowledged(SentPurchase sent) {
        purchases.put(sent.purchase().getEventId(), sent);
        returnable.purchaseAcknowledged(sent);
    }

    synchronized void returnAcknowledged(SentReturn sent) {
        returns.put(sent.request().getEventId(), sent);
        returnable.returnAcknowledged(sent);
        holds.returnAcknowledged(sent);
    }

    /** See {@link ReturnablePurchases#next}. */
    synchronized SentReturn nextReturn(Random random, Return.Builder header) {
        return returnable.next(random, header);
    }

    /** See {@link ExpectedHolds#next}: a hold of points the member surely has. */
    synchronized HoldRequest nextHold(Random random, List<Long> live, HoldRequest.Builder header) {
        return holds.next(random, live, header, netByMember());
    }

    synchronized void holdAcknowledged(HoldRequest request, HoldReceipt receipt) {
        holds.acknowledged(request, receipt);
    }

    /** An acknowledged hold not yet closing, now closing; null if none. */
    synchronized ExpectedHolds.Hold nextClose(Random random) {
        return holds.nextClose(random);
    }

    synchronized void captureAcknowledged(CaptureRequest request, RedemptionReceipt receipt) {
        holds.captureAcknowledged(request, receipt);
    }

    synchronized void voidAcknowledged(String holdId) {
        holds.voidAcknowledged(holdId);
    }

    /** The holds sent and not closed yet (a capture or void answered closes one). */
    synchronized List<ExpectedHolds.Hold> holds() {
        return holds.open();
    }

    synchronized List<ExpectedHolds.SentCapture> captures() {
        return holds.captures();
    }

    synchronized List<ExpectedHolds.Hold> closedHolds() {
        return holds.closed();
    }

    synchronized int voids() {
        return holds.voids();
    }

    /** Points in the open holds per member. */
    synchronized Map<Long, Long> heldByMember() {
        return holds.heldByMember();
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
            long spare = net.getOrDefault(member, 0L) - held.getOrDefault(member, 0L) - unanswered.reserved(member);
            if (spare <= 0 || holds.unacknowledged(member) || members.busy(member) || members.suspended(member)
                    || !members.isLive(member)) {
                continue;
            }
            long points = random.nextInt(5) == 0 ? spare + 1 + random.nextInt(50)
                    : 1 + random.nextInt((int) Math.min(spare, 500));
            unanswered.redemptionSent(member, points);
            RedeemRequest request = header.setMember(members.ref(random, member)).setPoints(points).build();
            holds.sentAlongside(request.getEventId(), member);
            return new SentRedemption(request, member, null);
        }
        return null;
    }

    /** The answer to a redemption: its receipt, or null if it was refused. */
    synchronized void redemptionAnswered(SentRedemption sent, RedemptionReceipt receipt) {
        unanswered.redemptionAnswered(sent.memberId(), sent.request().getPoints());
        holds.redemptionAnswered(sent.request().getEventId(), receipt == null);
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
        return unanswered.none(member) && holds.settled(member);
    }

    /** Whether {@code merged} may be merged into {@code survivor}: both quiet, and the survivor holds no hold. */
    synchronized boolean mergeable(long survivor, long merged) {
        return quiet(survivor) && quiet(merged) && !holds.has(survivor);
    }

    /** Members with an acknowledged hold not closing. */
    synchronized List<Long> holding() {
        return holds.holding();
    }

    /** A merge was acknowledged: the merged member's hold is the survivor's now. True if it had one. */
    synchronized boolean merged(long survivor, long merged) {
        boolean eitherOwes = holds.has(merged) && (spendable(merged) < 0 || spendable(survivor) < 0);
        return holds.merged(survivor, merged, eitherOwes);
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

    /** Points redeemed per member (acknowledged), by redemptions and captures. */
    synchronized Map<Long, Long> redeemedByMember() {
        Map<Long, Long> redeemed = new HashMap<>();
        redemptions.values().forEach(r -> redeemed.merge(members.resolve(r.memberId()), r.receipt().getPointsRedeemed(),
                Long::sum));
        holds.captures().forEach(c -> redeemed.merge(members.resolve(c.memberId()), c.receipt().getPointsRedeemed(),
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

    /** How often each case of holds meeting returns and redemptions came up, for the run's summary. */
    synchronized String summary() {
        return holds.summary();
    }

    /** Points earned net of returns, redemptions and adjustments per member, from the receipts. */
    synchronized Map<Long, Long> netByMember() {
        Map<Long, Long> net = earnedByMember();
        redeemedByMember().forEach((member, points) -> net.merge(member, -points, Long::sum));
        adjustedByMember().forEach((member, points) -> net.merge(member, points, Long::sum));
        return net;
    }
}
