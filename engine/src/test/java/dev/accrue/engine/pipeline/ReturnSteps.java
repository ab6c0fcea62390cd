package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;

import java.util.Random;

/**
 * The returns of {@link RulesModelTest}, as {@link ReturnRequests} chooses them: the receipt and the
 * member must match the model's; a refused one must change nothing. Counts the paths taken in
 * {@link ReturnCounts}.
 */
final class ReturnSteps extends JourneySteps {
    private final ReturnRequests requests;
    private final HoldCounts holds;
    private final ReturnCounts returns = new ReturnCounts();

    ReturnSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement,
                ReturnRequests requests, HoldCounts holds) {
        super(random, engine, model, agreement);
        this.requests = requests;
        this.holds = holds;
    }

    /** How often each path of a return was taken, for the run's summary. */
    ReturnCounts counts() {
        return returns;
    }

    void returnPurchase(int step, long now) {
        ReturnRequests.Request request = requests.next(step);
        ModelPurchase purchase = request.purchase();
        ProcessorDriver.Return sent = engine.returnOf(request.eventId(), now);
        request.lines().forEach(line -> sent.line(line.line(), line.quantity()));
        agreement.log(step, "return of "
                + (purchase == null ? request.eventId() + " (unknown to the engine)" : purchase) + " "
                + (request.lines().isEmpty() ? "whole" : request.lines()));
        ModelMember m = purchase == null ? null : model.member(purchase.memberId);
        String before = purchase == null ? "" : ComparedMember.whole(engine.stored(purchase.memberId));
        long movements = engine.state().movements().length();
        boolean held = m != null && !m.holds.open().isEmpty();
        boolean pending = purchase != null && purchase.pendingUntil > model.asOf(m);
        boolean olderVersion = purchase != null && purchase.version != model.versionAt(model.clock());
        boolean returnedBefore = purchase != null && purchase.returnedAny();
        int tier = m == null ? 0 : m.tier;
        long debt = m == null ? 0 : m.debt;

        CommandSlot slot = sent.apply();
        requests.notAPurchase(slot.eventId.toString());
        ReferenceLoyalty.ReturnReceipt expected = model.returnPurchase(purchase, request.lines());
        agreement.check(step, slot.result == expected.result(),
                "return: expected " + expected.result() + ", engine " + slot.result);
        if (slot.result != ResultCode.OK) {
            if (purchase != null) {
                agreement.unchanged(step, purchase.memberId, before, movements, "return");
            } else {
                agreement.check(step, engine.state().movements().length() == movements,
                        "a refused return recorded a movement");
            }
            returns.refused(slot.result);
            if (request.forgotten()) {
                returns.forgotten();
            }
            return;
        }
        agreement.check(step, -slot.pointsEarned == expected.points() && slot.resultMemberId == purchase.memberId,
                "return receipt: expected " + expected.points() + " points taken from member " + purchase.memberId
                        + ", engine " + -slot.pointsEarned + " from member " + slot.resultMemberId);
        agreement.compareReply(step, slot, purchase.memberId);
        returns.applied(request.lines().isEmpty(), returnedBefore && purchase.exhausted(), pending, olderVersion,
                m.debt > debt, m.tier < tier, expected.expiredBefore() > 0);
        if (held) {
            holds.returnedWhileHeld(m.debt > debt);
        }
        requests.returned(purchase);
    }
}
