package dev.accrue.engine.pipeline;

import java.util.Random;

/**
 * What every kind of step of {@link RulesModelTest} works with: the run's one seeded stream (each
 * step draws from it in a fixed order, so that a seed replays), the engine, the reference model,
 * and their agreement, which a step asks after each command it sends.
 */
abstract class JourneySteps {
    protected final Random random;
    protected final ProcessorDriver engine;
    protected final ReferenceLoyalty model;
    protected final ModelAgreement agreement;

    JourneySteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement) {
        this.random = random;
        this.engine = engine;
        this.model = model;
        this.agreement = agreement;
    }
}
