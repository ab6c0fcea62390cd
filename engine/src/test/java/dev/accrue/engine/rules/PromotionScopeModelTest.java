package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestSeeds;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.FixedBonus;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded: random programs of up to 150 promotions (more than one 64-bit word of them) with random
 * dates, weekdays, hours and scopes, and sequences of random purchases through one calculator
 * per program, compared entry by entry with the stacking order worked out plainly from the
 * program's messages and java.time. Purchases follow each other as at a till (same hour and store
 * for a while, then another store, day or channel), so that whatever the calculator remembers from
 * one purchase to the next is tested against what changed.
 */
class PromotionScopeModelTest {
    private static final ZoneId ZONE = ZoneId.of(Programs.ZONE);
    private static final String[] CATEGORIES = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11"};
    private static final String[] SKUS = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"};
    private static final String[] PARTNERS = {"p0", "p1", "p2", "p3"};
    private static final String[] STORES = {"st0", "st1", "st2", "st3", "st4", "st5"};
    private static final String EXCLUDED = "gift-cards";
    private static final long YEAR_START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    @Test
    void everyPurchaseEarnsWhatThePromotionsInForceAndInScopeGiveInStackingOrder() {
        long seed = TestSeeds.seed("PromotionScopeModelTest", "accrue.promotions.seed");
        SplittableRandom random = new SplittableRandom(seed);
        for (int program = 0; program < 40; program++) {
            int promotions = program < 4 ? 64 + program - 1 : 1 + random.nextInt(150);
            Program p = randomProgram(random, promotions);
            CompiledProgram compiled = Programs.compile(p.toBuilder());
            EarnCalculator calculator = compiled.newCalculator();
            EarnBreakdown out = compiled.newBreakdown();
            Till till = new Till(random);
            for (int purchase = 0; purchase < 150; purchase++) {
                Basket basket = till.next(random);
                assertEquals(ResultCode.OK, calculator.evaluate(basket, new MemberFacts(), out));
                List<String> expected = expected(p, compiled.rules(), basket);
                List<String> actual = new ArrayList<>();
                for (int k = 0; k < out.entryCount(); k++) {
                    actual.add(entry(compiled.rules().id(out.entryRule(k)), out.entryLine(k), out.entryPoints(k)));
                }
                int n = purchase;
                assertEquals(expected, actual, () -> "seed " + seed + ", program of " + promotions + " promotions, purchase " + n
                        + " at " + Instant.ofEpochMilli(basket.occurredAtMillis).atZone(ZONE) + " " + basket.partnerId() + "/"
                        + basket.storeId() + " channel " + basket.channel);
            }
        }
    }

    private static Program randomProgram(SplittableRandom random, int promotions) {
        Program.Builder p = Programs.minimal()
                .addEarnRules(EarnRule.newBuilder().setId("no-gift-cards")
                        .setExcludedCategories(ExcludedCategories.newBuilder().addCategories(EXCLUDED)));
        for (int i = 0; i < promotions; i++) {
            LocalDate from = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
            Promotion.Builder promotion = Promotion.newBuilder().setId("promo-" + i)
                    .setValidFrom(from.toString()).setValidTo(from.plusDays(random.nextInt(120)).toString());
            switch (random.nextInt(4)) {
                case 0 -> promotion.setMultiplierBp(10_000 + random.nextInt(20_001));
                case 1 -> promotion.setBonus(bonus(random, BonusPer.BONUS_PER_UNIT));
                case 2 -> promotion.setBonus(bonus(random, BonusPer.BONUS_PER_LINE));
                default -> promotion.setBonus(bonus(random, BonusPer.BONUS_PER_BASKET));
            }
            PromotionScope.Builder scope = PromotionScope.newBuilder()
                    .addAllCategories(some(random, CATEGORIES, 0.5))
                    .addAllSkus(some(random, SKUS, 0.2))
                    .addAllPartnerIds(some(random, PARTNERS, 0.3))
                    .addAllStoreIds(some(random, STORES, 0.3));
            if (random.nextInt(3) == 0) {
                scope.addChannels(random.nextBoolean() ? Channel.CHANNEL_POS : Channel.CHANNEL_ESHOP);
            }
            promotion.setScope(scope);
            if (random.nextInt(3) == 0) {
                for (Weekday day : Weekday.values()) {
                    if (day != Weekday.WEEKDAY_UNSPECIFIED && day != Weekday.UNRECOGNIZED && random.nextInt(3) == 0) {
                        promotion.addWeekdays(day);
                    }
                }
            }
            if (random.nextInt(3) == 0) {
                int fromHour = random.nextInt(23);
                promotion.setHours(HourRange.newBuilder().setFromHour(fromHour).setToHour(fromHour + 1 + random.nextInt(24 - fromHour)));
            }
            p.addPromotions(promotion);
        }
        return p.build();
    }

    private static FixedBonus bonus(SplittableRandom random, BonusPer per) {
        return FixedBonus.newBuilder().setPoints(1 + random.nextInt(50)).setPer(per).build();
    }

    /** A scope list: with probability {@code chance}, a random non-empty subset; otherwise empty (any). */
    private static List<String> some(SplittableRandom random, String[] names, double chance) {
        List<String> chosen = new ArrayList<>();
        if (random.nextDouble() < chance) {
            for (String name : names) {
                if (random.nextInt(3) == 0) {
                    chosen.add(name);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(names[random.nextInt(names.length)]);
            }
        }
        return chosen;
    }

    /** Purchases as a till makes them: mostly a few minutes apart at the same store, at times a jump. */
    private static final class Till {
        private long millis;
        private String partner;
        private String store;
        private int channel;

        Till(SplittableRandom random) {
            millis = YEAR_START + random.nextLong(365 * DAY);
            moveStore(random);
        }

        private void moveStore(SplittableRandom random) {
            partner = PARTNERS[random.nextInt(PARTNERS.length)];
            store = STORES[random.nextInt(STORES.length)];
            channel = random.nextBoolean() ? Channel.CHANNEL_POS_VALUE : Channel.CHANNEL_ESHOP_VALUE;
        }

        Basket next(SplittableRandom random) {
            switch (random.nextInt(10)) {
                case 0 -> millis = YEAR_START + random.nextLong(365 * DAY); // another day
                case 1 -> moveStore(random);
                case 2 -> millis += 3_600_000L; // the next hour
                case 3 -> millis -= random.nextLong(2 * DAY); // a late purchase
                default -> millis += random.nextLong(600_000L);
            }
            Basket basket = new Basket();
            basket.currency = CurrencyCode.pack("EUR");
            basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_CARD_VALUE;
            basket.channel = channel;
            basket.occurredAtMillis = millis;
            basket.at(partner, store);
            int lines = 1 + random.nextInt(6);
            for (int i = 0; i < lines; i++) {
                String category = random.nextInt(8) == 0 ? (random.nextBoolean() ? EXCLUDED : "unknown-category")
                        : CATEGORIES[random.nextInt(CATEGORIES.length)];
                String sku = random.nextInt(4) == 0 ? "unknown-sku-" + i : SKUS[random.nextInt(SKUS.length)];
                basket.addLine(sku, category, random.nextInt(5), random.nextInt(20_000));
            }
            return basket;
        }
    }

    /** The stacking order of docs/program.md for a program of a base rate and promotions only. */
    private static List<String> expected(Program p, RuleTable rules, Basket basket) {
        ZonedDateTime local = Instant.ofEpochMilli(basket.occurredAtMillis).atZone(ZONE);
        List<Promotion> active = new ArrayList<>();
        for (Promotion promotion : p.getPromotionsList()) {
            if (inForce(promotion, local, basket)) {
                active.add(promotion);
            }
        }
        int lines = basket.lineCount;
        long[] base = new long[lines];
        boolean[] eligible = new boolean[lines];
        List<String> entries = new ArrayList<>();
        String baseRule = rules.id(RuleTable.BASE);
        for (int i = 0; i < lines; i++) {
            eligible[i] = !basket.category(i).toString().equals(EXCLUDED);
            if (eligible[i]) {
                base[i] = Math.max(0, basket.lineAmountMinor[i]) / 100;
                add(entries, baseRule, i, base[i]);
            }
        }
        for (int i = 0; i < lines; i++) {
            if (eligible[i] && base[i] > 0) {
                for (Promotion promotion : active) {
                    if (promotion.hasMultiplierBp() && inScope(promotion, basket, i)) {
                        add(entries, promotion.getId(), i, base[i] * (promotion.getMultiplierBp() - 10_000) / 10_000);
                    }
                }
            }
        }
        for (int i = 0; i < lines; i++) {
            for (Promotion promotion : active) {
                if (eligible[i] && promotion.hasBonus() && promotion.getBonus().getPer() != BonusPer.BONUS_PER_BASKET
                        && inScope(promotion, basket, i)) {
                    long points = promotion.getBonus().getPoints();
                    add(entries, promotion.getId(), i, promotion.getBonus().getPer() == BonusPer.BONUS_PER_UNIT
                            ? points * Math.max(0, basket.lineQuantity[i]) : points);
                }
            }
        }
        for (Promotion promotion : active) {
            if (promotion.hasBonus() && promotion.getBonus().getPer() == BonusPer.BONUS_PER_BASKET) {
                boolean reached = false;
                for (int i = 0; i < lines; i++) {
                    reached |= eligible[i] && inScope(promotion, basket, i);
                }
                if (reached) {
                    add(entries, promotion.getId(), EarnBreakdown.BASKET, promotion.getBonus().getPoints());
                }
            }
        }
        return entries;
    }

    private static boolean inForce(Promotion promotion, ZonedDateTime local, Basket basket) {
        LocalDate date = local.toLocalDate();
        PromotionScope scope = promotion.getScope();
        return !date.isBefore(LocalDate.parse(promotion.getValidFrom())) && !date.isAfter(LocalDate.parse(promotion.getValidTo()))
                && (promotion.getWeekdaysCount() == 0 || promotion.getWeekdaysValueList().contains(local.getDayOfWeek().getValue()))
                && (!promotion.hasHours() || local.getHour() >= promotion.getHours().getFromHour()
                        && local.getHour() < promotion.getHours().getToHour())
                && (scope.getPartnerIdsCount() == 0 || scope.getPartnerIdsList().contains(basket.partnerId().toString()))
                && (scope.getStoreIdsCount() == 0 || scope.getStoreIdsList().contains(basket.storeId().toString()))
                && (scope.getChannelsCount() == 0 || scope.getChannelsValueList().contains(basket.channel));
    }

    private static boolean inScope(Promotion promotion, Basket basket, int line) {
        PromotionScope scope = promotion.getScope();
        return (scope.getCategoriesCount() == 0 || scope.getCategoriesList().contains(basket.category(line).toString()))
                && (scope.getSkusCount() == 0 || scope.getSkusList().contains(basket.sku(line).toString()));
    }

    private static void add(List<String> entries, String rule, int line, long points) {
        if (points > 0) {
            entries.add(entry(rule, line, points));
        }
    }

    private static String entry(String rule, int line, long points) {
        return rule + "@" + (line == EarnBreakdown.BASKET ? "basket" : "line " + line) + "=" + points;
    }
}
