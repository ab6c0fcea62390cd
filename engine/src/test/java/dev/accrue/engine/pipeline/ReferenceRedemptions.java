package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.ResultCode;

/**
 * Spending in {@link ReferenceLoyalty}: a redemption at once, or a hold at a till that is then
 * captured, all or part, or voided, or that closes when its time to live ends. Every command
 * settles the member first. Spending takes available points, soonest expiry first; held points
 * stay in their lots but only their capture may spend them, and the points a closing hold frees
 * pay the member's debt first.
 */
final class ReferenceRedemptions {
    /** A command's result; what it held, captured or released; the hold's end (HOLD and VOID_HOLD). */
    record Receipt(ResultCode result, long points, long expiresAt) {
        static Receipt refused(ResultCode result) {
            return new Receipt(result, 0, 0);
        }
    }

    private final ReferenceLoyalty model;

    ReferenceRedemptions(ReferenceLoyalty model) {
        this.model = model;
    }

    /** Refused if the member's points no hold keeps are fewer. */
    ResultCode redeem(long memberId, long points) {
        ModelMember m = member(memberId);
        long t = model.asOf(m);
        if (points > m.spendable(t)) {
            return ResultCode.INSUFFICIENT_POINTS;
        }
        m.spend(points, t);
        m.lifetimeRedeemed += points;
        return ResultCode.OK;
    }

    /** Keeps {@code points} for the till until {@code expiresAt}: refused if fewer are spendable, or all holds are open. */
    Receipt hold(long memberId, String id, long points, long expiresAt) {
        ModelMember m = member(memberId);
        if (points > m.spendable(model.asOf(m))) {
            return Receipt.refused(ResultCode.INSUFFICIENT_POINTS);
        }
        if (m.holds.full()) {
            return Receipt.refused(ResultCode.HOLD_LIMIT_REACHED);
        }
        m.holds.open(id, points, expiresAt);
        return new Receipt(ResultCode.OK, points, expiresAt);
    }

    /**
     * Spends {@code points} of the open hold (0: all of it) and releases the rest: refused if that is
     * more than it holds, or than the member has available (held points expired under the hold).
     */
    Receipt capture(long memberId, String holdId, long points) {
        ModelMember m = member(memberId);
        ModelHolds.Hold hold = m.holds.find(holdId);
        if (hold == null) {
            return Receipt.refused(notOpen(m, holdId));
        }
        long captured = points == 0 ? hold.points() : points;
        long t = model.asOf(m);
        if (captured > hold.points()) {
            return Receipt.refused(ResultCode.CAPTURE_EXCEEDS_HOLD);
        }
        if (captured > m.available(t)) {
            return Receipt.refused(ResultCode.INSUFFICIENT_POINTS);
        }
        m.holds.close(hold);
        m.spend(captured, t);
        m.lifetimeRedeemed += captured;
        m.payDebt(t);
        return new Receipt(ResultCode.OK, captured, hold.expiresAt());
    }

    /** Releases the open hold's points. */
    Receipt voidHold(long memberId, String holdId) {
        ModelMember m = member(memberId);
        ModelHolds.Hold hold = m.holds.find(holdId);
        if (hold == null) {
            return Receipt.refused(notOpen(m, holdId));
        }
        m.holds.close(hold);
        m.payDebt(model.asOf(m));
        return new Receipt(ResultCode.OK, hold.points(), hold.expiresAt());
    }

    private ModelMember member(long memberId) {
        ModelMember m = model.member(memberId);
        model.settle(m);
        return m;
    }

    private static ResultCode notOpen(ModelMember m, String holdId) {
        ResultCode refusal = m.holds.refusalOf(holdId);
        if (refusal == null) {
            throw new IllegalStateException("the test asked about hold " + holdId + ", which the engine may or may not remember");
        }
        return refusal;
    }
}
