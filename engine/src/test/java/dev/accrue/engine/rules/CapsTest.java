package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.Caps;
import dev.accrue.loyalty.v1.CategoryBonus;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.Test;

import static dev.accrue.engine.rules.Programs.bonus;
import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static dev.accrue.engine.rules.Programs.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stage 6 of the stacking order: caps trim from the last entry backwards, as negative entries. */
class CapsTest {
    private static final long TODAY = 20_523; // 2026-03-11, the fixture's purchase day

    /** Base 1 per euro, gold tier 1.5x, 100 points per "organic" line, 250 on a first purchase. */
    private static Program.Builder program(long perTransaction, long perDay) {
        return minimal().addTiers(tier("gold", 1_000, 15_000))
                .addEarnRules(rule("organic-100").setCategoryBonus(CategoryBonus.newBuilder()
                        .addCategories("organic").setBonus(bonus(100, BonusPer.BONUS_PER_LINE))))
                .addEarnRules(rule("welcome").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(250)))
                .setCaps(Caps.newBuilder().setMaxPointsPerTransaction(perTransaction).setMaxPointsPerMemberPerDay(perDay));
    }

    @Test
    void transactionCapTrimsTheBasketBonusFirst() {
        EarnFixture f = new EarnFixture(program(300, 0)).line("A", "organic", 1, 10_000);
        f.member.firstPurchase = true;

        assertEquals(300, f.earn());
        assertEquals(-150, f.from("transaction-cap", EarnBreakdown.BASKET), "100 base + 100 bonus + 250 welcome = 450");
        assertEquals(200, f.out.linePoints(0), "the line keeps its base and bonus");
        assertEquals(100, f.out.basketPoints());
    }

    @Test
    void perDayCapTrimsBonusesBeforeBase() {
        EarnFixture f = new EarnFixture(program(0, 150)).line("A", "organic", 1, 10_000);

        assertEquals(150, f.earn());
        assertEquals(100, f.from("base"));
        assertEquals(-50, f.from("daily-cap", 0), "half of the 100-point bonus goes");
        assertEquals(100, f.out.qualifyingPoints());
    }

    @Test
    void perDayCapTrimsBaseOnlyOnceEveryBonusAndMultiplierIsGone() {
        EarnFixture f = new EarnFixture(program(0, 150)).line("A", "organic", 1, 10_000);
        f.member.tier = 1;
        f.member.earnedDay = TODAY;
        f.member.pointsEarnedOnDay = 120;

        assertEquals(30, f.earn(), "150 - 120 earned earlier today");
        assertEquals(-(100 + 50 + 100 - 30), f.from("daily-cap"));
        assertEquals(30, f.out.qualifyingPoints(), "what is left is base");
    }

    @Test
    void perDayCapCountsOnlyPointsEarnedOnTheSameLocalDay() {
        EarnFixture f = new EarnFixture(program(0, 150)).line("A", null, 1, 10_000);
        f.member.earnedDay = TODAY - 1;
        f.member.pointsEarnedOnDay = 150;

        assertEquals(100, f.earn(), "yesterday's points do not count today");
        assertEquals(TODAY, f.out.localDay());
    }

    @Test
    void aMemberAlreadyAtTheDailyCapEarnsAndQualifiesNothing() {
        EarnFixture f = new EarnFixture(program(0, 150)).line("A", null, 1, 10_000);
        f.member.earnedDay = TODAY;
        f.member.pointsEarnedOnDay = 400;

        assertEquals(0, f.earn());
        assertEquals(0, f.out.qualifyingPoints());
        assertEquals(-100, f.from("daily-cap"));
    }

    @Test
    void theTransactionCapAppliesBeforeTheDailyCap() {
        EarnFixture f = new EarnFixture(program(300, 250)).line("A", "organic", 1, 10_000);
        f.member.firstPurchase = true;
        f.member.earnedDay = TODAY;
        f.member.pointsEarnedOnDay = 100;

        assertEquals(150, f.earn());
        assertEquals(-150, f.from("transaction-cap"));
        assertEquals(-150, f.from("daily-cap"), "the rest of the welcome bonus, then 50 of the line's bonus");
        assertEquals(-100, f.from("daily-cap", EarnBreakdown.BASKET));
        assertEquals(-50, f.from("daily-cap", 0));
    }

    @Test
    void capTrimsAreRecordedPerLineSoAReturnedLineTakesBackOnlyWhatItKept() {
        EarnFixture f = new EarnFixture(program(150, 0)).line("A", null, 1, 10_000).line("B", null, 1, 10_000);

        assertEquals(150, f.earn());
        assertEquals(100, f.out.linePoints(0));
        assertEquals(50, f.out.linePoints(1), "the last line's base is trimmed first");
        assertEquals(-50, f.from("transaction-cap", 1));
        assertEquals(100, f.out.lineQualifyingPoints(0));
        assertEquals(50, f.out.lineQualifyingPoints(1), "the base it kept is what the line counts toward the tier");
    }

    @Test
    void capsOfZeroMeanNoCap() {
        EarnFixture f = new EarnFixture(program(0, 0)).line("A", "organic", 1, 1_000_000);
        f.member.firstPurchase = true;
        f.member.earnedDay = TODAY;
        f.member.pointsEarnedOnDay = Long.MAX_VALUE / 2;

        assertEquals(10_000 + 100 + 250, f.earn());
    }

    @Test
    void aPurchaseUnderTheCapsIsNotTrimmed() {
        EarnFixture f = new EarnFixture(program(1_000, 1_000)).line("A", "organic", 1, 10_000);

        assertEquals(200, f.earn());
        assertEquals(0, f.from("transaction-cap"));
        assertEquals(0, f.from("daily-cap"));
        assertEquals(2, f.out.entryCount(), "no zero entries");
    }
}
