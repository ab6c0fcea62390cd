package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;

import java.util.Random;

/**
 * The redemptions of {@link RulesModelTest}, now and then by a member with holds open, of some of
 * the member's points no hold keeps, all of them, or (refused) more than that, often no more than
 * the member's available points with those held; a refused one changes nothing.
 */
final class RedemptionSteps extends JourneySteps {
    private final ReferenceRedemptions spending;
    private final HoldRequests holdRequests;
    private final HoldCounts holds;
    private final ReturnRequests returnRequests;
    private int redemptions;
    private int refused;

    RedemptionSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement,
                    ReferenceRedemptions spending, HoldRequests holdRequests, HoldCounts holds,
                    ReturnRequests returnRequests) {
        super(random, engine, model, agreement);
        this.spending = spending;
        this.holdRequests = holdRequests;
        this.holds = holds;
        this.returnRequests = returnRequests;
    }

    /** Redemptions applied, for the run's summary. */
    int redemptions() {
        return redemptions;
    }

    /** Redemptions refused, for the run's summary. */
    int refused() {
        return refused;
    }

    void redeem(int step, long now) {
        long member = random.nextInt(4) == 0 ? holdRequests.memberWithHolds() : 0;
        member = member != 0 ? member : 1 + random.nextInt(model.memberCount());
        ModelMember m = model.member(member);
        long t = model.asOf(m);
        long spendable = Math.max(0, m.spendable(t));
        int roll = random.nextInt(8);
        long held = m.holds.held();
        // Too many: now and then no more than the member's points with those held, which only the holds keep.
        int over = held > 0 && random.nextBoolean() ? (int) Math.min(held, 1_000) : 500;
        long points = spendable == 0 || roll == 0 ? spendable + 1 + random.nextInt(over)
                : roll < 5 ? spendable : 1 + (long) (random.nextDouble() * spendable);
        agreement.log(step, "redeem " + points + " of member " + member);
        boolean overdue = m.holds.overdue(model.clock());
        boolean coveredButForHolds = points <= m.available(t);
        String before = ComparedMember.whole(engine.stored(member));
        long movements = engine.state().movements().length();
        CommandSlot slot = engine.redeem(member, points, now);
        returnRequests.notAPurchase(slot.eventId.toString());
        ResultCode expected = spending.redeem(member, points);
        agreement.check(step, slot.result == expected, "redemption: expected " + expected + ", engine " + slot.result);
        if (expected == ResultCode.OK) {
            redemptions++;
            agreement.check(step, -slot.pointsEarned == points, "redeemed " + -slot.pointsEarned + " points, not " + points);
            agreement.compareReply(step, slot, member);
            return;
        }
        refused++;
        if (coveredButForHolds && !overdue) {
            holds.redemptionRefusedForHolds();
        }
        if (!overdue) {
            agreement.unchanged(step, member, before, movements, "redemption");
        }
    }
}
