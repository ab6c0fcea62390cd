package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluation allocates nothing: measured with the JVM's per-thread allocation counter around many
 * evaluations of a realistic program (the example plus 50 category rules and 20 promotions),
 * over baskets, times and members that reach every stage, caps and daylight-saving days included.
 */
class ZeroAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final String[] CATEGORIES = new String[60];
    private static final String[] SKUS = {"COFFEE-HOUSE-1KG", "DENIM-SLIM-32", "APPLES-1KG", "EGGS-10", "GIFT-CARD-50", "UNKNOWN"};

    static {
        for (int i = 0; i < CATEGORIES.length; i++) {
            CATEGORIES[i] = "category-" + i;
        }
        CATEGORIES[0] = "fresh-produce";
        CATEGORIES[1] = "gift-cards";
        CATEGORIES[2] = "organic";
        CATEGORIES[3] = "menswear";
    }

    private static CompiledProgram realisticProgram() throws Exception {
        Program.Builder program = ProgramFile.read(Path.of("..", "config", "program.json")).toBuilder();
        for (int i = 4; i < 54; i++) {
            program.addEarnRules(Programs.rule("category-" + i + "-x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                    .addCategories("category-" + i).setMultiplierBp(10_000 + i * 500)));
        }
        for (int i = 0; i < 20; i++) {
            Promotion.Builder promotion = Promotion.newBuilder().setId("promo-" + i)
                    .setValidFrom("2026-0" + (1 + i % 9) + "-01").setValidTo("2026-12-31")
                    .addWeekdays(Weekday.forNumber(1 + i % 7)).addWeekdays(Weekday.forNumber(1 + (i + 3) % 7))
                    .setScope(PromotionScope.newBuilder().addCategories("category-" + (10 + i)));
            if (i % 2 == 0) {
                promotion.setMultiplierBp(15_000).setHours(HourRange.newBuilder().setFromHour(i % 12).setToHour(12 + i % 12));
            } else {
                promotion.setBonus(Programs.bonus(10 + i, BonusPer.forNumber(1 + i % 3)));
            }
            program.addPromotions(promotion);
        }
        program.getCapsBuilder().setMaxPointsPerTransaction(2_000).setMaxPointsPerMemberPerDay(3_000);
        return Programs.compile(program);
    }

    /** Fills the basket and member for iteration {@code i}; allocation-free itself. */
    private static void fill(int i, long start, Basket basket, MemberFacts member) {
        basket.clear();
        basket.currency = CurrencyCode.pack(i % 5 == 0 ? "CZK" : "EUR");
        basket.channel = i % 2 == 0 ? Channel.CHANNEL_POS_VALUE : Channel.CHANNEL_ESHOP_VALUE;
        basket.paymentMethod = i % 8;
        basket.at(i % 3 == 0 ? "accrue-fashion" : "grocer", i % 4 == 0 ? "praha-flagship" : "web");
        // Every hour of 2026 in turn: weekdays, hours, promotions' dates and both clock changes.
        basket.occurredAtMillis = start + (i % 8_760) * 3_600_000L;
        basket.totalMinor = 12_345;
        int lines = i % 7;
        for (int l = 0; l < lines; l++) {
            basket.addLine(SKUS[(i + l) % SKUS.length], (i + l) % 11 == 0 ? null : CATEGORIES[(i * 7 + l) % CATEGORIES.length],
                    1 + l % 3, 100 + ((long) i * 37 + l * 1_001) % 150_000);
        }
        member.tier = i % 6;
        member.firstPurchase = i % 13 == 0;
        member.birthdayMonth = 1 + i % 12;
        member.birthdayDay = 1 + i % 28;
        member.birthdayBonusYear = i % 2 == 0 ? 0 : 2026;
        member.earnedDay = i % 3 == 0 ? 0 : 20_454 + (i % 8_760) / 24;
        member.pointsEarnedOnDay = i % 9 * 400L;
    }

    @Test
    void evaluationAllocatesNothingAfterWarmUp() throws Exception {
        CompiledProgram program = realisticProgram();
        EarnCalculator calculator = program.newCalculator();
        EarnBreakdown out = program.newBreakdown();
        Basket basket = new Basket();
        MemberFacts member = new MemberFacts();
        long start = Instant.parse("2026-01-01T00:30:00Z").toEpochMilli();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long caps = 0;
        for (int i = 0; i < WARM_UP; i++) {
            fill(i, start, basket, member);
            assertEquals(ResultCode.OK, calculator.evaluate(basket, member, out));
            caps += countCapEntries(out);
        }
        assertTrue(caps > 0, "the measured mix must reach the caps");

        long sum = 0;
        long baseline = threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            fill(i, start, basket, member);
            calculator.evaluate(basket, member, out);
            sum += out.total() + out.entryCount() + out.expiresAtMillis() + out.pendingUntilMillis();
        }
        long after = threads.getCurrentThreadAllocatedBytes();

        assertTrue(sum > 0);
        assertEquals(0, after - before - (before - baseline), "bytes allocated by " + MEASURED + " evaluations");
    }

    private static int countCapEntries(EarnBreakdown out) {
        int count = 0;
        for (int k = 0; k < out.entryCount(); k++) {
            if (out.entryRule(k) == RuleTable.TRANSACTION_CAP || out.entryRule(k) == RuleTable.DAILY_CAP) {
                count++;
            }
        }
        return count;
    }
}
