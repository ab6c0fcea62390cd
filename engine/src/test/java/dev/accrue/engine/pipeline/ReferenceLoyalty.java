package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.ResultCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The obvious implementation of what {@link RulesModelTest} checks the engine against: every
 * credit is kept as its own lot forever ({@link ModelMember}), and balances are sums over the lots
 * at the time the member was last brought up to (the later of the engine clock and their
 * enrolment). Tier totals are sums over every qualifying purchase, less what returns took back,
 * whose month is in the window. Every purchase is kept ({@link ModelPurchase}) with what its lines
 * earned, for its returns. Spending, at once or by holds, is {@link ReferenceRedemptions}. Nothing
 * is merged, bucketed or cached, so nothing can drift.
 */
final class ReferenceLoyalty {
    record Version(long effectiveFrom, ModelProgram program) {
    }

    /** What a purchase earned, by rule id (zero entries left out, as on the engine's receipts). */
    record Receipt(long points, Map<String, Long> byRule, int version) {
    }

    /** What a return did: its result and the points it took back. */
    record ReturnReceipt(ResultCode result, long points, long expiredBefore) {
    }

    /** A line: its category (null for none), its units and what they cost in all, in cents. */
    record Line(String category, long quantity, long amountMinor) {
    }

    private final List<Version> versions = new ArrayList<>();
    private final List<ModelMember> members = new ArrayList<>();
    private final List<ModelPurchase> purchases = new ArrayList<>();
    private long clock;

    ReferenceLoyalty(ModelProgram first) {
        versions.add(new Version(0, first));
    }

    long clock() {
        return clock;
    }

    int memberCount() {
        return members.size();
    }

    /** Every purchase recorded, oldest first. */
    List<ModelPurchase> purchases() {
        return purchases;
    }

    /** Members by id, from 1. */
    ModelMember member(long id) {
        return members.get((int) id - 1);
    }

    ModelProgram latestProgram() {
        return versions.get(versions.size() - 1).program();
    }

    /** How replies show debt now: by the return policy of the version in force at the clock. */
    boolean debtAsNegativeBalance() {
        return versions.get(versionAt(clock)).program().debtAsNegative();
    }

    long latestEffectiveFrom() {
        return versions.get(versions.size() - 1).effectiveFrom();
    }

    /** The 0-based index of the version in force at a time: the last effective by then, else the first. */
    int versionAt(long at) {
        int index = 0;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).effectiveFrom() <= at) {
                index = i;
            }
        }
        return index;
    }

    long enrol(long at) {
        members.add(new ModelMember(at));
        return members.size();
    }

    int changeProgram(long effectiveFrom, ModelProgram program) {
        versions.add(new Version(effectiveFrom, program));
        return versions.size();
    }

    /** Moves the clock and settles every member; returns the holds that closed as their time to live ended. */
    int tick(long at) {
        clock = Math.max(clock, at);
        int expired = 0;
        for (ModelMember m : members) {
            expired += settle(m);
        }
        return expired;
    }

    /**
     * The member as a balance read sees it: settled, but on a copy when that closes holds, since a
     * read writes nothing back (the member's next settlement closes them for good).
     */
    ModelMember read(long memberId) {
        ModelMember m = member(memberId);
        review(m);
        if (!m.holds.overdue(clock)) {
            return m;
        }
        ModelMember copy = m.copy();
        settle(copy);
        return copy;
    }

    /**
     * A purchase: the member's tier as it stands, the rules of the version in force when it
     * happened. Its points pay the member's debt first.
     */
    Receipt purchase(long memberId, String eventId, long at, boolean eshop, List<Line> lines) {
        ModelMember m = member(memberId);
        settle(m);
        int version = versionAt(at);
        ModelProgram p = versions.get(version).program();
        int tier = p.clamp(m.tier);
        int n = lines.size();
        long[] quantity = new long[n];
        long[] basketAmount = new long[n];
        long[] linePoints = new long[n];
        long[] lineBase = new long[n];
        long tierExtra = 0;
        long categoryExtra = 0;
        long eligibleAmount = 0;
        boolean anyEligible = false;
        for (int i = 0; i < n; i++) {
            Line line = lines.get(i);
            quantity[i] = line.quantity();
            if (line.category() != null && p.excluded().contains(line.category())) {
                continue;
            }
            basketAmount[i] = line.amountMinor();
            anyEligible = true;
            eligibleAmount += line.amountMinor();
            lineBase[i] = p.base(line.amountMinor());
            long lineTier = ModelProgram.extra(lineBase[i], p.tierMultiplierBp()[tier]);
            long lineCategory = p.multipliedCategory().equals(line.category())
                    ? ModelProgram.extra(lineBase[i], p.categoryMultiplierBp()) : 0;
            linePoints[i] = lineBase[i] + lineTier + lineCategory;
            tierExtra += lineTier;
            categoryExtra += lineCategory;
        }
        long base = sum(lineBase);
        long basketBonus = p.basketMinor() != 0 && eligibleAmount >= p.basketMinor() ? p.basketBonus() : 0;
        long welcomeBonus = anyEligible && m.purchaseCount == 0 ? p.welcomeBonus() : 0;
        Map<String, Long> byRule = new LinkedHashMap<>();
        putIfEarned(byRule, "base", base);
        putIfEarned(byRule, "tier", tierExtra);
        putIfEarned(byRule, p.categoryRuleId(), categoryExtra);
        putIfEarned(byRule, ModelProgram.BASKET_RULE, basketBonus);
        putIfEarned(byRule, ModelProgram.WELCOME_RULE, welcomeBonus);
        long points = sum(linePoints) + basketBonus + welcomeBonus;
        long window = p.pendingMillis(eshop);
        long pendingUntil = window == 0 ? 0 : at + window;
        m.credit(points, pendingUntil, p.expiresAt(at));
        m.lifetimeEarned += points;
        m.purchaseCount++;
        if (base != 0) {
            m.qualifying.add(new ModelMember.Qualifying(at, base));
            int reached = Math.max(tier, p.tierFor(m.windowTotal(p, at)));
            if (reached > tier) {
                m.tier = reached;
                m.reviewAt = p.periodEnd(at);
            }
        }
        purchases.add(new ModelPurchase(eventId, memberId, at, clock, version, pendingUntil, p.expiresAt(at),
                quantity, basketAmount, linePoints, lineBase, basketBonus + welcomeBonus));
        return new Receipt(points, byRule, version + 1);
    }

    /**
     * A return of a purchase the engine keeps ({@code null}: one it does not know): takes back what
     * the returned units earned and counted toward the tier, points from the purchase's own lot
     * while pending, then other pending lots, then available points no hold keeps, soonest expiry
     * first; the rest is owed. Points of the purchase's expiry time that expired are not taken
     * again: as many as the return takes back come out of those expired lots first. A tier reached within the member's period is worked out again.
     */
    ReturnReceipt returnPurchase(ModelPurchase purchase, List<ModelPurchase.ReturnedLine> lines) {
        if (purchase == null) {
            return new ReturnReceipt(ResultCode.PURCHASE_NOT_FOUND, 0, 0);
        }
        long[] units = new long[purchase.lineCount()];
        ResultCode requested = purchase.request(lines, units);
        if (requested != ResultCode.OK) {
            return new ReturnReceipt(requested, 0, 0);
        }
        ModelMember m = member(purchase.memberId);
        settle(m);
        ModelPurchase.Taken taken = purchase.takeBack(units);
        long t = asOf(m);
        // What of the purchase's points expired is gone already: only the rest is taken.
        long expiredBefore = purchase.expiresAt <= t ? m.takeExpired(taken.points(), purchase.expiresAt) : 0;
        long left = taken.points() - expiredBefore;
        if (purchase.pendingUntil > t) {
            left = m.take(left, t, l -> l.pendingUntil == purchase.pendingUntil && l.expiresAt == purchase.expiresAt);
        }
        left = m.take(left, t, l -> l.pendingUntil > t);
        long free = Math.min(left, Math.max(0, m.spendable(t)));
        m.spend(free, t);
        m.debt += left - free;
        m.lifetimeEarned -= taken.points();
        if (taken.qualifying() != 0) {
            m.qualifying.add(new ModelMember.Qualifying(purchase.at, -taken.qualifying()));
            undoUpgrade(m);
        }
        return new ReturnReceipt(ResultCode.OK, taken.points() - expiredBefore, expiredBefore);
    }

    /**
     * Brings the member to the clock before a command, as the engine's settlement does: its reviews
     * due, then its holds whose time to live ended close and the points they free pay its debt.
     * Returns the holds closed.
     */
    int settle(ModelMember m) {
        review(m);
        int expired = m.holds.closeExpired(clock);
        if (expired > 0) {
            m.payDebt(asOf(m));
        }
        return expired;
    }

    /**
     * After a return took tier progress back: the tier is what the window's total reaches now under
     * the version in force now, but never below the tier the member's period began with.
     */
    private void undoUpgrade(ModelMember m) {
        if (m.tier <= m.periodStartTier) {
            return;
        }
        ModelProgram p = versions.get(versionAt(clock)).program();
        int tier = Math.max(m.periodStartTier, p.tierFor(m.windowTotal(p, clock)));
        if (tier < m.tier) {
            m.tier = tier;
            m.reviewAt = tier > 0 ? m.reviewAt : 0;
        }
    }

    /** Brings the member's tier to the clock: each review due, by the version in force when it fell due. */
    void review(ModelMember m) {
        while (m.reviewAt != 0 && m.reviewAt <= clock) {
            ModelProgram p = versions.get(versionAt(m.reviewAt)).program();
            long total = m.windowTotal(p, m.reviewAt - 1);
            m.tier = Math.max(p.tierFor(total), Math.max(0, p.clamp(m.tier) - p.softLanding()));
            m.periodStartTier = m.tier;
            m.reviewAt = m.tier > 0 ? p.periodEnd(m.reviewAt) : 0;
        }
    }

    /** Releases, expiries (of lots and holds), reviews and version changes in (after, upTo]: the instants worth a tick. */
    List<Long> instantsBetween(long after, long upTo) {
        List<Long> instants = new ArrayList<>();
        for (Version v : versions) {
            addIfBetween(instants, v.effectiveFrom(), after, upTo);
        }
        for (ModelMember m : members) {
            addIfBetween(instants, m.reviewAt, after, upTo);
            for (ModelHolds.Hold h : m.holds.open()) {
                addIfBetween(instants, h.expiresAt(), after, upTo);
            }
            for (ModelMember.Lot l : m.lots) {
                addIfBetween(instants, l.pendingUntil, after, upTo);
                addIfBetween(instants, l.expiresAt, after, upTo);
            }
        }
        return instants;
    }

    private static void addIfBetween(List<Long> instants, long instant, long after, long upTo) {
        if (instant > after && instant <= upTo) {
            instants.add(instant);
        }
    }

    /** The time the member's balances are as of: the engine clock, or their enrolment if later. */
    long asOf(ModelMember m) {
        return Math.max(clock, m.enrolledAt);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    private static void putIfEarned(Map<String, Long> byRule, String rule, long points) {
        if (points > 0) {
            byRule.put(rule, points);
        }
    }
}
