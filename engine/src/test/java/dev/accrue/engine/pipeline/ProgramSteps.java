package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;

import java.util.Random;
import java.util.Set;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;
import static dev.accrue.engine.pipeline.ModelProgram.HOUR;
import static dev.accrue.engine.pipeline.ModelProgram.local;

/**
 * The program changes of {@link RulesModelTest}, between three programs with different rates,
 * tiers, windows, pending and expiry: each to another than the latest, in force now or within ten
 * days, never before the latest version.
 */
final class ProgramSteps extends JourneySteps {
    /**
     * A point per euro; tiers at 600 and 2,500 over 12 months; fresh 2x; e-shop 14 days pending; 12 months to end of
     * month; 30 points for a basket of 150 euro. The program a run starts with.
     */
    static final ModelProgram CLASSIC = new ModelProgram("classic", 1, 100,
            new long[] {0, 600, 2_500}, new int[] {10_000, 12_500, 15_000}, 12, 1,
            "fresh-x2", "fresh", 20_000, Set.of("gift-cards"), 0, 14 * DAY, 12, 0, 15_000, 30, 0, false);
    /**
     * 3 points per 2 euro; tiers at 900 and 3,000 over 6 months dropping up to 2; wine 1.5x; both channels pending;
     * 120 days; 200 points for a first purchase; debt shown as a negative balance.
     */
    private static final ModelProgram GENEROUS = new ModelProgram("generous", 3, 200,
            new long[] {0, 900, 3_000}, new int[] {10_000, 11_000, 20_000}, 6, 2,
            "wine-x1.5", "wine", 15_000, Set.of("gift-cards", "tobacco"), DAY + 12 * HOUR, 7 * DAY, 0, 120, 0, 0, 200, true);
    /**
     * A point per euro; tiers at 400 and 1,500 over the calendar year; fresh 3x; gift cards earn; nothing pending or
     * expiring; 15 points for a basket of 80 euro, 50 for a first purchase.
     */
    private static final ModelProgram SIMPLE = new ModelProgram("simple", 1, 100,
            new long[] {0, 400, 1_500}, new int[] {10_000, 13_000, 17_500}, 0, 1,
            "fresh-x3", "fresh", 30_000, Set.of("tobacco"), 0, 0, 0, 0, 8_000, 15, 50, false);
    private static final ModelProgram[] PROGRAMS = {CLASSIC, GENEROUS, SIMPLE};


    ProgramSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement) {
        super(random, engine, model, agreement);
    }

    void changeProgram(int step, long now) {
        ModelProgram next = PROGRAMS[random.nextInt(PROGRAMS.length)];
        while (next == model.latestProgram()) {
            next = PROGRAMS[random.nextInt(PROGRAMS.length)];
        }
        long effective = Math.max(model.latestEffectiveFrom(), now + (random.nextBoolean() ? 0 : random.nextInt(10 * 24) * HOUR));
        agreement.log(step, "program " + next.name() + " from " + local(effective));
        CommandSlot slot = engine.changeProgram("program-" + step, next.toProgram(), effective);
        int version = model.changeProgram(effective, next);
        agreement.check(step, slot.result == ResultCode.OK && slot.programVersion == version,
                "program change gave " + slot.result + " version " + slot.programVersion + ", expected " + version);
    }
}
