package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;

import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;
import static dev.accrue.engine.pipeline.ModelProgram.local;

/** The enrolments and balance queries of {@link RulesModelTest}. */
final class MemberSteps extends JourneySteps {

    MemberSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement) {
        super(random, engine, model, agreement);
    }

    void enrol(int step, long now) {
        CommandSlot slot = engine.enrol("CARD-" + step, 0, now);
        long id = model.enrol(now);
        agreement.log(step, "enrol member " + id + " at " + local(now));
        agreement.check(step, slot.result == ResultCode.OK && slot.resultMemberId == id,
                "enrolment gave " + slot.result + " " + slot.resultMemberId);
    }

    /** A balance with the points expiring before a random instant up to 500 days on. */
    void balance(int step, long now) {
        long member = 1 + random.nextInt(model.memberCount());
        long expiringBefore = now + random.nextInt(500) * DAY;
        agreement.log(step, "balance of member " + member + " expiring before " + local(expiringBefore));
        CommandSlot slot = engine.balance(member, expiringBefore);
        ModelMember m = model.read(member);
        agreement.check(step, slot.result == ResultCode.OK, "balance refused: " + slot.result);
        agreement.compareReply(step, slot, member, m);
        long expiring = m.expiringBefore(model.asOf(m), expiringBefore);
        agreement.check(step, slot.expiringPoints == expiring,
                "expiring points: expected " + expiring + ", engine " + slot.expiringPoints);
    }
}
