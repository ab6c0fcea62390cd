package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a return takes back of a basket bonus when the basket held an excluded line: the bonus is
 * shared by the amounts the threshold counted, so a gift card returned takes none of it. A point
 * per euro; 500 points for an eligible basket of 50 euros or more; gift cards excluded.
 */
class ReturnBasketShareTest {
    private static final long BOUGHT_AT = prague("2026-03-02T12:00");
    private static final long LATER = BOUGHT_AT + 3_600_000;

    @TempDir
    Path directory;
    private ProcessorDriver engine;
    private long member;

    @BeforeEach
    void start() {
        engine = new ProcessorDriver(directory, TestPrograms.baseOnly().setTimeZone("Europe/Prague")
                .addEarnRules(EarnRule.newBuilder().setId("no-gift-cards")
                        .setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards")))
                .addEarnRules(EarnRule.newBuilder().setId("basket-50").setBasketThresholdBonus(
                        BasketThresholdBonus.newBuilder().setCurrency("EUR").setMinAmountMinor(50_00).setPoints(500)))
                .build());
        engine.tick(BOUGHT_AT);
        member = engine.enrol("CARD", 0, BOUGHT_AT).resultMemberId;
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void returningAnExcludedLineTakesNoneOfTheBasketBonus() {
        CommandSlot bought = giftCardAndLamps();
        assertEquals(560, bought.pointsEarned);

        CommandSlot giftCard = engine.returnOf(bought.eventId.toString(), LATER).line(0, 1).apply();

        assertEquals(ResultCode.OK, giftCard.result);
        assertEquals(0, giftCard.pointsEarned, "the gift card earned nothing and did not help reach the threshold");
    }

    @Test
    void theCountedLinesCarryTheWholeBonusBackBetweenThem() {
        CommandSlot bought = giftCardAndLamps();

        CommandSlot oneLamp = engine.returnOf(bought.eventId.toString(), LATER).line(1, 1).apply();
        assertEquals(-(30 + 250), oneLamp.pointsEarned, "half the counted basket: half the bonus");
        CommandSlot giftCard = engine.returnOf(bought.eventId.toString(), LATER).line(0, 1).apply();
        assertEquals(0, giftCard.pointsEarned);
        CommandSlot otherLamp = engine.returnOf(bought.eventId.toString(), LATER).line(2, 1).apply();

        assertEquals(-(30 + 250), otherLamp.pointsEarned);
    }

    /** A 100 euro gift card (no points) and two 30 euro lamps (30 points each, and the 500 bonus). */
    private CommandSlot giftCardAndLamps() {
        return engine.purchase(member, CHANNEL_POS, BOUGHT_AT)
                .line("gift-card-100", "gift-cards", 100_00)
                .line("lamp-a", null, 30_00)
                .line("lamp-b", null, 30_00)
                .apply();
    }
}
