package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a return takes back of a member's tier progress, and the upgrade it undoes. */
class ReturnTierProgressTest {
    private static final long BOUGHT_AT = prague("2026-03-02T12:00");

    @TempDir
    Path directory;
    private ProcessorDriver engine;

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void returningALineTakesBackTheBasePointsItCountedNotAShareOfThePurchasesPoints() {
        engine = new ProcessorDriver(directory, silverAt(70).addEarnRules(EarnRule.newBuilder().setId("fresh-x2")
                .setCategoryMultiplier(CategoryMultiplier.newBuilder().addCategories("fresh").setMultiplierBp(20_000))).build());
        engine.tick(BOUGHT_AT);
        long member = engine.enrol("CARD", 0, BOUGHT_AT).resultMemberId;
        CommandSlot bought = engine.purchase(member, CHANNEL_POS, BOUGHT_AT)
                .line("apples", "fresh", 60_00) // 60 base points, 120 points
                .line("lamp", null, 50_00)      // 50 base points, 50 points
                .apply();
        assertEquals(1, bought.tier, "110 qualifying points reach silver at 70");

        CommandSlot returned = engine.returnOf(bought.eventId.toString(), BOUGHT_AT + 3_600_000).line(1, 1).apply();

        assertEquals(ResultCode.OK, returned.result);
        assertEquals(50, -returned.pointsEarned);
        assertEquals(0, returned.tier, "the apples kept count their 60 base points, below silver");
    }

    @Test
    void aReturnWorksTheTierOutAgainUnderTheVersionInForceNow() {
        engine = new ProcessorDriver(directory, silverAt(600).build());
        engine.tick(BOUGHT_AT);
        long member = engine.enrol("CARD", 0, BOUGHT_AT).resultMemberId;
        CommandSlot bought = engine.purchase(member, CHANNEL_POS, BOUGHT_AT).line("chairs", null, 7, 700_00).apply();
        assertEquals(1, bought.tier);
        long lowered = prague("2026-03-10T00:00");
        engine.changeProgram("silver-at-400", silverAt(400).build(), lowered);
        engine.tick(lowered);

        CommandSlot returned = engine.returnOf(bought.eventId.toString(), lowered).line(0, 2).apply();

        assertEquals(ResultCode.OK, returned.result);
        assertEquals(200, -returned.pointsEarned);
        assertEquals(1, returned.tier, "500 qualifying points keep silver at 400, the threshold in force now");
    }

    /** A point per euro; silver (tier 1) at {@code threshold} qualifying points over 12 months. */
    private static Program.Builder silverAt(long threshold) {
        return TestPrograms.baseOnly().setTimeZone("Europe/Prague")
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(threshold));
    }
}
