package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member as {@link RulesModelTest} compares it, the engine's and the model's alike: equal when
 * they agree, written out when they do not. Its balance is as stored (available counts held points);
 * its held points are the record's running total, its holds the open ones by expiry and points
 * (their order in the record is the engine's business); its lots are those not expired, in the
 * engine's order; its qualifying points are by local month (as {@link ModelProgram#monthIndex}),
 * months of none left out.
 */
record ComparedMember(Balance balance, long held, List<Hold> holds, List<Lot> lots, Map<Long, Long> qualifying) {
    /** A balance: as stored, or as a reply shows it (held points left out of available, never below 0). */
    record Balance(long available, long pending, long earned, long redeemed, long expired, long debt, int tier) {
        static Balance of(CommandSlot reply) {
            return new Balance(reply.available, reply.pending, reply.lifetimeEarned, reply.lifetimeRedeemed,
                    reply.lifetimeExpired, reply.debt, reply.tier);
        }

        /** The model member's balance as of {@code t}, as stored. */
        static Balance of(ModelMember m, long t) {
            return of(m, t, m.available(t));
        }

        /**
         * The model member's balance as of {@code t}, as a reply shows it: debt beside it, or (debtAsNegative)
         * taken off available points and shown as none.
         */
        static Balance reply(ModelMember m, long t, boolean debtAsNegative) {
            long available = Math.max(0, m.spendable(t));
            return debtAsNegative ? of(m, t, available - m.debt, 0) : of(m, t, available, m.debt);
        }

        private static Balance of(ModelMember m, long t, long available) {
            return of(m, t, available, m.debt);
        }

        private static Balance of(ModelMember m, long t, long available, long debt) {
            return new Balance(available, m.pending(t), m.lifetimeEarned, m.lifetimeRedeemed, m.lifetimeExpired(t),
                    debt, m.tier);
        }

        @Override
        public String toString() {
            return "available " + available + ", pending " + pending + ", earned " + earned + ", redeemed " + redeemed
                    + ", expired " + expired + ", debt " + debt + ", tier " + tier;
        }
    }

    /** An open hold. */
    record Hold(long expiresAt, long points) {
        static final Comparator<Hold> ORDER = Comparator.comparingLong(Hold::expiresAt).thenComparingLong(Hold::points);

        @Override
        public String toString() {
            return points + " until " + ModelProgram.local(expiresAt);
        }
    }

    /** A lot: pendingUntil 0 once released. */
    record Lot(long expiresAt, long pendingUntil, long points) {
        @Override
        public String toString() {
            return ModelProgram.local(expiresAt) + "/" + (pendingUntil == 0 ? "0" : ModelProgram.local(pendingUntil))
                    + "=" + points;
        }
    }

    static ComparedMember of(MemberRecord r) {
        List<Hold> holds = new ArrayList<>();
        for (int i = 0; i < r.holdCount; i++) {
            holds.add(new Hold(r.holdExpiresAt[i], r.holdPoints[i]));
        }
        holds.sort(Hold.ORDER);
        List<Lot> lots = new ArrayList<>();
        for (int i = 0; i < r.lotCount; i++) {
            lots.add(new Lot(r.lotExpiresAt[i], r.lotPendingUntil[i], r.lotPoints[i]));
        }
        Map<Long, Long> qualifying = new TreeMap<>();
        for (long month = r.qualifyingMonth - MemberRecord.QUALIFYING_MONTHS + 1; month <= r.qualifyingMonth; month++) {
            long points = r.qualifying[(int) Math.floorMod(month, (long) MemberRecord.QUALIFYING_MONTHS)];
            if (points != 0) {
                qualifying.put(month, points);
            }
        }
        return new ComparedMember(new Balance(r.available, r.pending, r.lifetimeEarned, r.lifetimeRedeemed, r.lifetimeExpired,
                r.debt, r.tier), r.held, holds, lots, qualifying);
    }

    /**
     * The model member as of {@code t}, seen as a record whose newest qualifying bucket is
     * {@code newestMonth} would show it: only the months its buckets still keep.
     */
    static ComparedMember of(ModelMember m, long t, long newestMonth) {
        return new ComparedMember(Balance.of(m, t), m.holds.held(), m.holds.compared(), m.lots(t),
                m.qualifyingByMonth(newestMonth - MemberRecord.QUALIFYING_MONTHS));
    }

    /**
     * A stored record in full, down to its review, remembered closed holds, newest movement and
     * sequence: what a refused command must not change.
     */
    static String whole(MemberRecord r) {
        StringBuilder closed = new StringBuilder();
        for (int i = 0; i < r.closedHoldCount; i++) {
            closed.append(' ').append(Long.toHexString(r.closedHoldKey[i])).append('/').append(r.closedHoldHow[i]);
        }
        return of(r) + " review " + ModelProgram.local(r.tierReviewAtMillis) + " period tier " + r.periodStartTier
                + " closed holds [" + closed + " ] next " + r.closedHoldNext + " movement " + r.latestMovement
                + " sequence " + r.lastSequence;
    }

    @Override
    public String toString() {
        StringBuilder months = new StringBuilder("{");
        qualifying.forEach((month, points) -> months.append(months.length() > 1 ? ", " : "")
                .append(YearMonth.of(1970, 1).plusMonths(month)).append('=').append(points));
        return balance + ", held " + held + " in " + holds + " lots " + lots + " qualifying " + months.append('}');
    }
}
