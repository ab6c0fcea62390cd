package dev.accrue.engine.pipeline;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A member as {@link ReferenceLoyalty} keeps it: every credit its own lot forever (returns and
 * redemptions take points out of lots; expiry only stops counting them), every purchase's
 * qualifying points and every return's share of them as entries, its holds. Balances are sums over
 * the lots as of a time {@code t}: a lot is pending while its pendingUntil lies after t, expired
 * once its expiresAt is at or before t. Held points stay in their lots (and in available) but are
 * not spendable; when their lots expire under the hold, spendable goes below zero.
 */
final class ModelMember {
    /** A credit: the points it still holds, when it stops being pending (0: never pending), when it expires. */
    static final class Lot {
        long points;
        final long pendingUntil;
        final long expiresAt;

        Lot(long points, long pendingUntil, long expiresAt) {
            this.points = points;
            this.pendingUntil = pendingUntil;
            this.expiresAt = expiresAt;
        }
    }

    /** Qualifying points a purchase counted in its local month, or a return took back (negative). */
    record Qualifying(YearMonth month, long points) {
        /** For a purchase made at {@code at}. */
        Qualifying(long at, long points) {
            this(YearMonth.from(ModelProgram.localDate(at)), points);
        }
    }

    final long enrolledAt;
    final List<Lot> lots = new ArrayList<>();
    final List<Qualifying> qualifying = new ArrayList<>();
    final ModelHolds holds;
    long lifetimeEarned;
    long lifetimeRedeemed;
    /** Points returns took back that no lot held any more; the next credits pay it first. */
    long debt;
    long purchaseCount;
    int tier;
    /** The tier the member's period began with (set by reviews): a return never takes the tier below it. */
    int periodStartTier;
    long reviewAt;

    ModelMember(long enrolledAt) {
        this(enrolledAt, new ModelHolds());
    }

    private ModelMember(long enrolledAt, ModelHolds holds) {
        this.enrolledAt = enrolledAt;
        this.holds = holds;
    }

    /** A copy to settle for a read, which the engine does not write back. */
    ModelMember copy() {
        ModelMember copy = new ModelMember(enrolledAt, holds.copy());
        lots.forEach(l -> copy.lots.add(new Lot(l.points, l.pendingUntil, l.expiresAt)));
        copy.qualifying.addAll(qualifying);
        copy.lifetimeEarned = lifetimeEarned;
        copy.lifetimeRedeemed = lifetimeRedeemed;
        copy.debt = debt;
        copy.purchaseCount = purchaseCount;
        copy.tier = tier;
        copy.periodStartTier = periodStartTier;
        copy.reviewAt = reviewAt;
        return copy;
    }

    /** Points earned: they pay debt first, the rest is a lot. */
    void credit(long points, long pendingUntil, long expiresAt) {
        long toDebt = Math.min(points, debt);
        debt -= toDebt;
        if (points > toDebt) {
            lots.add(new Lot(points - toDebt, pendingUntil, expiresAt));
        }
    }

    /**
     * Takes up to {@code wanted} points from the lots unexpired at {@code t} that match, soonest
     * expiry (then release) first; returns what is still wanted.
     */
    long take(long wanted, long t, Predicate<Lot> which) {
        List<Lot> from = lots.stream().filter(l -> l.expiresAt > t && which.test(l))
                .sorted(Comparator.<Lot>comparingLong(l -> l.expiresAt).thenComparingLong(l -> l.pendingUntil)).toList();
        long left = wanted;
        for (Lot l : from) {
            long taken = Math.min(left, l.points);
            l.points -= taken;
            left -= taken;
        }
        return left;
    }

    /**
     * Takes up to {@code wanted} of the points lots of expiry time {@code expiresAt} held when they
     * expired (a return of a purchase of theirs after they did): they are no longer expired but never
     * earned. Returns the points taken.
     */
    long takeExpired(long wanted, long expiresAt) {
        long left = wanted;
        for (Lot l : lots) {
            if (l.expiresAt == expiresAt) {
                long taken = Math.min(left, l.points);
                l.points -= taken;
                left -= taken;
            }
        }
        return wanted - left;
    }

    long available(long t) {
        return sum(l -> l.expiresAt > t && l.pendingUntil <= t);
    }

    /** Available points no open hold keeps; below zero once held points expired under their holds. */
    long spendable(long t) {
        return available(t) - holds.held();
    }

    /** Spends available points, oldest first; the caller checked there are enough. */
    void spend(long points, long t) {
        take(points, t, l -> l.pendingUntil <= t);
    }

    /** Pays debt from the points no open hold keeps (a hold closed and freed some). */
    void payDebt(long t) {
        long paid = Math.min(debt, Math.max(0, spendable(t)));
        spend(paid, t);
        debt -= paid;
    }

    long pending(long t) {
        return sum(l -> l.expiresAt > t && l.pendingUntil > t);
    }

    /** What lots held when they expired. */
    long lifetimeExpired(long t) {
        return sum(l -> l.expiresAt <= t);
    }

    /** Points not yet expired at t that expire before {@code before}, pending or not. */
    long expiringBefore(long t, long before) {
        return sum(l -> l.expiresAt > t && l.expiresAt < before);
    }

    /** The qualifying total of program {@code p}'s window that holds {@code at}. */
    long windowTotal(ModelProgram p, long at) {
        YearMonth last = YearMonth.from(ModelProgram.localDate(at));
        long total = 0;
        for (Qualifying q : qualifying) {
            total += p.inWindow(q.month(), last) ? q.points() : 0;
        }
        return total;
    }

    /**
     * Qualifying points by local month (as {@link ModelProgram#monthIndex}) after {@code afterMonth},
     * months that net to nothing left out.
     */
    Map<Long, Long> qualifyingByMonth(long afterMonth) {
        Map<Long, Long> months = new TreeMap<>();
        for (Qualifying q : qualifying) {
            long month = ModelProgram.monthIndex(q.month());
            if (month > afterMonth) {
                months.merge(month, q.points(), Long::sum);
            }
        }
        months.values().removeIf(points -> points == 0);
        return months;
    }

    /**
     * The lots as the engine should hold them at t: not expired, not empty, grouped by (expiresAt,
     * pendingUntil or 0 once released), in that order.
     */
    List<ComparedMember.Lot> lots(long t) {
        TreeMap<ComparedMember.Lot, Long> grouped = new TreeMap<>(Comparator.comparingLong(ComparedMember.Lot::expiresAt)
                .thenComparingLong(ComparedMember.Lot::pendingUntil));
        for (Lot l : lots) {
            if (l.expiresAt > t && l.points > 0) {
                long pendingUntil = l.pendingUntil <= t ? 0 : l.pendingUntil;
                grouped.merge(new ComparedMember.Lot(l.expiresAt, pendingUntil, 0), l.points, Long::sum);
            }
        }
        List<ComparedMember.Lot> held = new ArrayList<>();
        grouped.forEach((key, points) -> held.add(new ComparedMember.Lot(key.expiresAt(), key.pendingUntil(), points)));
        return held;
    }

    private long sum(Predicate<Lot> which) {
        long sum = 0;
        for (Lot l : lots) {
            sum += which.test(l) ? l.points : 0;
        }
        return sum;
    }
}
