package dev.accrue.engine.pipeline;

import java.util.List;
import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.local;

/**
 * The clock ticks of {@link RulesModelTest}: a tick now, or, as often, exactly at (or 1 ms before)
 * a release, expiry, review or version change due by now. Tells {@link HoldCounts} the holds that
 * expired and {@link ReturnRequests} the clock the engine forgets old purchases by.
 */
final class TickSteps extends JourneySteps {
    private final HoldCounts holds;
    private final ReturnRequests returnRequests;

    TickSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement, HoldCounts holds,
              ReturnRequests returnRequests) {
        super(random, engine, model, agreement);
        this.holds = holds;
        this.returnRequests = returnRequests;
    }

    void tick(int step, long now) {
        long at = now;
        List<Long> due = model.instantsBetween(model.clock(), now);
        if (!due.isEmpty() && random.nextBoolean()) {
            at = due.get(random.nextInt(due.size())) - random.nextInt(2);
        }
        agreement.log(step, "tick at " + local(at));
        long debt = totalDebt();
        engine.tick(at);
        holds.expired(model.tick(at), totalDebt() < debt);
        returnRequests.ticked(model.clock());
    }

    private long totalDebt() {
        long debt = 0;
        for (long id = 1; id <= model.memberCount(); id++) {
            debt += model.member(id).debt;
        }
        return debt;
    }
}
