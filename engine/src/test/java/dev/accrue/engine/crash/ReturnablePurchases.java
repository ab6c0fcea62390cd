package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnedLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The units of each acknowledged purchase not sent back yet, and the next return of them. A return of
 * q more of a line's Q units takes back its cumulative share {@code floor(linePoints * q / Q)}. Returns
 * of one purchase are sent one at a time (the next only after the previous is answered), so the order
 * they apply in, and with it their shares, is the order they were sent.
 *
 * <p>Not thread-safe on its own: the {@link ExpectedLedger} owns it and calls it under its lock.
 */
final class ReturnablePurchases {
    /** Units of an acknowledged purchase sent back so far, and whether a return of it is unanswered. */
    private static final class Returnable {
        final ExpectedLedger.SentPurchase purchase;
        final long[] returned;
        boolean busy;

        Returnable(ExpectedLedger.SentPurchase purchase) {
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
    private final ExpectedHolds holds;
    private final UnansweredByMember unanswered;
    private final Map<String, Returnable> returnable = new HashMap<>();
    /** Purchase event ids that may have units left; exhausted ones are dropped as they are drawn. */
    private final List<String> candidates = new ArrayList<>();

    ReturnablePurchases(ExpectedMembers members, ExpectedHolds holds, UnansweredByMember unanswered) {
        this.members = members;
        this.holds = holds;
        this.unanswered = unanswered;
    }

    void purchaseAcknowledged(ExpectedLedger.SentPurchase sent) {
        if (returnable.putIfAbsent(sent.purchase().getEventId(), new Returnable(sent)) == null) {
            candidates.add(sent.purchase().getEventId());
        }
    }

    /** A return answered: the next return of its purchase may be sent. */
    void returnAcknowledged(ExpectedLedger.SentReturn sent) {
        Returnable r = returnable.get(sent.request().getPurchaseEventId());
        if (r.busy) {
            r.busy = false;
            unanswered.returnAnswered(sent.memberId());
        }
    }

    /**
     * Picks an acknowledged purchase with units left and no return unanswered, of a member with no
     * hold unanswered (an acknowledged one is fine), and builds a return of it: everything left (empty
     * lines), or some units of one or two lines. Half the time, while holds are acknowledged, it picks
     * a purchase of a member with one, which few members have. Null if none is found.
     */
    ExpectedLedger.SentReturn next(Random random, Return.Builder header) {
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
            if (r.busy || holds.unacknowledged(member) || members.busy(member)) {
                continue;
            }
            long[] units = r.purchase.lineUnits();
            Return.Builder request = header.setPurchaseEventId(r.purchase.purchase().getEventId());
            long[] now = unitsToReturn(random, units, r.returned, request);
            if (now == null) {
                continue;
            }
            long taken = shareTaken(r.purchase.linePoints(), units, r.returned, now);
            for (int i = 0; i < units.length; i++) {
                r.returned[i] += now[i];
            }
            r.busy = true;
            unanswered.returnSent(member);
            Return sent = request.build();
            holds.sentAlongside(sent.getEventId(), member);
            return new ExpectedLedger.SentReturn(sent, member, taken, null);
        }
        return null;
    }

    /**
     * The units per line a return sends back, given {@code returned} already: one in three everything
     * left (and no lines in the request), else some units of one or two lines, added to {@code request}.
     * Null if the lines drawn had nothing left.
     */
    private static long[] unitsToReturn(Random random, long[] units, long[] returned, Return.Builder request) {
        long[] now = new long[units.length];
        if (random.nextInt(3) == 0) {
            for (int i = 0; i < units.length; i++) {
                now[i] = units[i] - returned[i];
            }
            return now;
        }
        for (int picks = 1 + random.nextInt(2); picks > 0; picks--) {
            int line = random.nextInt(units.length);
            long left = units[line] - returned[line] - now[line];
            if (left > 0) {
                long quantity = 1 + random.nextInt((int) left);
                now[line] += quantity;
                request.addLines(ReturnedLine.newBuilder().setLine(line).setQuantity(quantity));
            }
        }
        return request.getLinesCount() == 0 ? null : now;
    }

    /** Purchases with units left whose member has an acknowledged hold. */
    private List<String> returnableOfHolders() {
        if (!holds.anyAcknowledged()) {
            return List.of();
        }
        return candidates.stream().filter(id -> !returnable.get(id).exhausted())
                .filter(id -> holds.acknowledged(members.resolve(returnable.get(id).purchase.memberId()))).toList();
    }

    /** Points a return of {@code now} more units takes after {@code before} came back: the cumulative line shares. */
    static long shareTaken(long[] linePoints, long[] units, long[] before, long[] now) {
        long taken = 0;
        for (int i = 0; i < units.length; i++) {
            taken += linePoints[i] * (before[i] + now[i]) / units[i] - linePoints[i] * before[i] / units[i];
        }
        return taken;
    }
}
