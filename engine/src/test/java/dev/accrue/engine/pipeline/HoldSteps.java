package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;

import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.local;

/**
 * The holds, captures and voids of {@link RulesModelTest}, as {@link HoldRequests} chooses them:
 * each receipt and member must match the model's; a refused one changes nothing. Counts the paths
 * taken in {@link HoldCounts}.
 */
final class HoldSteps extends JourneySteps {
    private final ReferenceRedemptions spending;
    private final HoldRequests requests;
    private final HoldCounts holds;
    private final ReturnRequests returnRequests;

    HoldSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement,
              ReferenceRedemptions spending, HoldRequests requests, HoldCounts holds, ReturnRequests returnRequests) {
        super(random, engine, model, agreement);
        this.spending = spending;
        this.requests = requests;
        this.holds = holds;
        this.returnRequests = returnRequests;
    }

    /** One hold, or a burst at one till, each checked as it is applied. */
    void hold(int step, long now) {
        for (HoldRequests.Hold request : requests.holds(now)) {
            long member = request.memberId();
            ModelMember m = model.member(member);
            boolean overdue = m.holds.overdue(model.clock());
            String before = ComparedMember.whole(engine.stored(member));
            long movements = engine.state().movements().length();
            CommandSlot slot = engine.hold(member, request.points(), request.occurredAt(), request.ttlSeconds());
            String id = slot.eventId.toString();
            returnRequests.notAPurchase(id);
            agreement.log(step, "hold " + id + " of " + request.points() + " for member " + member + " at "
                    + local(request.occurredAt()) + " until " + local(request.expiresAt()));
            ReferenceRedemptions.Receipt expected = spending.hold(member, id, request.points(), request.expiresAt());
            agreement.check(step, slot.result == expected.result(),
                    "hold: expected " + expected.result() + ", engine " + slot.result);
            holds.held(slot.result, request.expiresAt() <= model.clock());
            if (slot.result == ResultCode.OK) {
                agreement.check(step, slot.holdPointsHeld == expected.points() && slot.holdExpiresAt == expected.expiresAt(),
                        "hold receipt: expected " + expected + ", engine " + slot.holdPointsHeld + " until "
                                + local(slot.holdExpiresAt));
                agreement.compareReply(step, slot, member);
            } else if (!overdue) {
                agreement.unchanged(step, member, before, movements, "hold");
            }
        }
    }

    /** A capture or a void. */
    void captureOrVoid(int step, long now) {
        HoldRequests.Settlement request = requests.settlement(step);
        long member = request.memberId();
        ModelMember m = model.member(member);
        agreement.log(step, (request.voids() ? "void" : "capture " + (request.points() == 0 ? "all" : request.points()) + " of")
                + " hold " + request.holdId() + " naming member " + member + " (" + request.target() + ")");
        boolean overdue = m.holds.overdue(model.clock());
        long debt = m.debt;
        ModelHolds.Hold hold = m.holds.find(request.holdId());
        String before = ComparedMember.whole(engine.stored(member));
        long movements = engine.state().movements().length();
        CommandSlot slot = request.voids() ? engine.voidHold(member, request.holdId(), now)
                : engine.capture(member, request.holdId(), request.points(), now);
        returnRequests.notAPurchase(slot.eventId.toString());
        ReferenceRedemptions.Receipt expected = request.voids() ? spending.voidHold(member, request.holdId())
                : spending.capture(member, request.holdId(), request.points());
        agreement.check(step, slot.result == expected.result(), (request.voids() ? "void" : "capture") + ": expected "
                + expected.result() + ", engine " + slot.result);
        if (slot.result != ResultCode.OK) {
            holds.refused(request.target(), slot.result);
            if (!overdue) {
                agreement.unchanged(step, member, before, movements, request.voids() ? "void" : "capture");
            }
            return;
        }
        if (request.voids()) {
            agreement.check(step, slot.holdPointsHeld == 0 && slot.holdExpiresAt == expected.expiresAt(),
                    "void receipt: expected nothing held until " + local(expected.expiresAt()) + ", engine "
                            + slot.holdPointsHeld + " until " + local(slot.holdExpiresAt));
        } else {
            agreement.check(step, -slot.pointsEarned == expected.points(),
                    "captured " + -slot.pointsEarned + " points, not " + expected.points());
        }
        agreement.compareReply(step, slot, member);
        holds.settled(request.voids(), expected.points() == hold.points(), m.debt < debt);
    }
}
