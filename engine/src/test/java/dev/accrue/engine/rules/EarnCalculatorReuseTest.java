package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.BirthdayBonus;
import dev.accrue.loyalty.v1.BirthdayWindow;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.SplittableRandom;

import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The calculator keeps what depends only on the local day (the date, when points expire, the
 * promotions valid that day) from one purchase to the next. Purchases at random instants over two
 * years, in random order (days repeated, days skipped, time going backwards, across daylight-saving
 * changes), earn through one long-lived calculator exactly what a fresh calculator gives each.
 */
class EarnCalculatorReuseTest {
    private static final long FROM = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();

    private static Program.Builder program(ExpiryRounding rounding) {
        return minimal()
                .setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(24).setRoundTo(rounding))
                .addPromotions(Promotion.newBuilder().setId("saturdays").setMultiplierBp(20_000)
                        .setValidFrom("2026-01-01").setValidTo("2027-12-31").addWeekdays(Weekday.WEEKDAY_SATURDAY))
                .addPromotions(Promotion.newBuilder().setId("march").setMultiplierBp(15_000)
                        .setValidFrom("2026-03-10").setValidTo("2026-03-20"))
                .addPromotions(Promotion.newBuilder().setId("evenings").setMultiplierBp(30_000)
                        .setValidFrom("2026-06-01").setValidTo("2027-06-30")
                        .setHours(HourRange.newBuilder().setFromHour(17).setToHour(19)))
                .addEarnRules(rule("birthday").setBirthdayBonus(BirthdayBonus.newBuilder()
                        .setPoints(50).setWindow(BirthdayWindow.BIRTHDAY_WINDOW_DAY)));
    }

    @ParameterizedTest
    @EnumSource(value = ExpiryRounding.class, names = {"EXPIRY_ROUNDING_NONE", "EXPIRY_ROUNDING_END_OF_DAY",
            "EXPIRY_ROUNDING_END_OF_MONTH", "EXPIRY_ROUNDING_END_OF_QUARTER", "EXPIRY_ROUNDING_END_OF_YEAR"})
    void aCalculatorReusedAcrossDaysEarnsWhatAFreshOneEarns(ExpiryRounding rounding) {
        long seed = 1123L + rounding.getNumber();
        SplittableRandom random = new SplittableRandom(seed);
        CompiledProgram compiled = Programs.compile(program(rounding));
        EarnCalculator reused = compiled.newCalculator();
        EarnBreakdown reusedOut = compiled.newBreakdown();
        EarnBreakdown freshOut = compiled.newBreakdown();
        Basket basket = basket();
        MemberFacts member = new MemberFacts();
        member.birthdayMonth = 3;
        member.birthdayDay = 14;
        long at = FROM;
        for (int i = 0; i < 3_000; i++) {
            switch (random.nextInt(4)) {
                case 0 -> at += random.nextLong(3_600_000L); // the same day, mostly
                case 1 -> at += random.nextLong(3 * 86_400_000L);
                case 2 -> at -= random.nextLong(2 * 86_400_000L); // a late purchase, an earlier day
                default -> at = FROM + random.nextLong(TO - FROM);
            }
            basket.occurredAtMillis = at;
            String what = "seed " + seed + ", purchase " + i + " at " + Instant.ofEpochMilli(at);

            assertEquals(ResultCode.OK, reused.evaluate(basket, member, reusedOut), what);
            assertEquals(ResultCode.OK, compiled.newCalculator().evaluate(basket, member, freshOut), what);
            assertEquals(freshOut.describe(compiled.rules()), reusedOut.describe(compiled.rules()), what);
            assertEquals(freshOut.total(), reusedOut.total(), what);
            assertEquals(freshOut.expiresAtMillis(), reusedOut.expiresAtMillis(), what + ": expiry");
            assertEquals(freshOut.localDay(), reusedOut.localDay(), what);
            assertEquals(freshOut.birthdayBonusYear(), reusedOut.birthdayBonusYear(), what);
        }
    }

    private static Basket basket() {
        Basket basket = new Basket();
        basket.currency = CurrencyCode.pack("EUR");
        basket.channel = Channel.CHANNEL_POS_VALUE;
        basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_CARD_VALUE;
        basket.at("acme", "s1");
        basket.addLine("A", "fresh", 2, 1_250);
        basket.addLine("B", "bakery", 1, 399);
        return basket;
    }
}
