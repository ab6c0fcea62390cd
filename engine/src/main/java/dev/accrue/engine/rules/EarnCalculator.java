package dev.accrue.engine.rules;

import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.BirthdayWindow;
import dev.accrue.loyalty.v1.BonusPer;

import java.util.Arrays;

/**
 * Evaluates a program's earn rules for one purchase, writing every point and its reason into a
 * preallocated {@link EarnBreakdown}. Allocates nothing: lookups are {@link StringIndex} probes
 * and array reads, local time is {@link ZoneOffsets} and {@link CivilCalendar} arithmetic, scratch
 * space is preallocated here. One instance per thread (the business-logic thread).
 *
 * <p>The stacking order (docs/program.md), each stage appending its entries after the last:
 * <ol>
 *   <li>Lines in an excluded category drop out: no points, no basket amount, no qualification.</li>
 *   <li>Base: per line, {@code floor(amount * rate)}.</li>
 *   <li>Multipliers, per line, each its own entry of {@code floor(base * (m - 10000) / 10000)}, so
 *       the order among them cannot change the result: tier; the line's product multiplier
 *       (the highest of its category's and SKU's; a tie goes to the SKU rule); partner/store,
 *       channel and payment-method multipliers; promotion multipliers.</li>
 *   <li>Fixed line bonuses: category, SKU, then promotion bonuses per unit or per line.</li>
 *   <li>Basket bonuses, when at least one line is eligible: basket threshold, first purchase,
 *       birthday (in rule order), then promotion bonuses per basket.</li>
 *   <li>Caps: the per-transaction cap, then the per-member-per-day cap, each trimming entries
 *       from the last in this order backwards (so bonuses go before multipliers, and base last),
 *       recorded as negative entries of the cap.</li>
 * </ol>
 */
public final class EarnCalculator {
    private final EarnTables t;
    private final BaseEarnRule baseEarn;
    private final ZoneOffsets zone;
    private final PendingRule pending;
    private final ExpiryRule expiry;
    private final TierLadder tiers;
    private final CapTrimmer caps;
    private final int qualifyingCurrency;
    private final int requiredCapacity;

    private final int[] category = new int[Basket.MAX_LINES];
    private final int[] sku = new int[Basket.MAX_LINES];
    private final boolean[] eligible = new boolean[Basket.MAX_LINES];
    private final long[] amount = new long[Basket.MAX_LINES];
    private final long[] quantity = new long[Basket.MAX_LINES];
    private final long[] base = new long[Basket.MAX_LINES];
    private final int[] activeMultipliers;
    /** The promotions in force for the purchase, as bits over program order ({@link EarnTables#promotionWords} words). */
    private final long[] activePromotions;
    /** Per line ({@code promotionWords} words each): the active promotions whose scope takes the line. */
    private final long[] lineScope;
    /** The active promotions of a basket bonus that some eligible line is in scope of. */
    private final long[] basketScope;

    /*
     * What depends only on the purchase's local day, worked out at the day's first purchase: most
     * purchases fall on the day of the one before.
     */
    private long memoDay = Long.MIN_VALUE;
    private int memoDate;
    /** Valid when the expiry rule is the same for the whole day ({@link ExpiryRule#sameForWholeLocalDay}). */
    private long memoExpiresAt;
    /** The promotions valid on the day (dates and weekday), by their place in program order. */
    private final int[] dayPromotions;
    private int dayPromotionCount;
    /* What the active promotions were selected for: purchases in a row mostly share the hour, store and channel. */
    private int memoHour = -1;
    private int memoPartner;
    private int memoStore;
    private int memoChannel;
    private boolean anyPromotionActive;

    public EarnCalculator(CompiledProgram program) {
        this.t = program.tables();
        this.baseEarn = program.baseEarn();
        this.zone = program.zone();
        this.pending = program.pending();
        this.expiry = program.expiry();
        this.tiers = program.tiers();
        this.qualifyingCurrency = program.qualifyingCurrency();
        this.requiredCapacity = program.breakdownCapacity();
        this.activeMultipliers = new int[t.basketMultiplierRules.length];
        this.activePromotions = new long[t.promotionWords];
        this.lineScope = new long[Basket.MAX_LINES * t.promotionWords];
        this.basketScope = new long[t.promotionWords];
        this.dayPromotions = new int[t.promotionRules.length];
        this.caps = new CapTrimmer(program.maxPointsPerTransaction(), program.maxPointsPerMemberPerDay(), requiredCapacity);
    }

    /**
     * Evaluates the purchase for the member into {@code out}. Returns
     * {@link ResultCode#CURRENCY_NOT_ACCEPTED} (and an empty breakdown) for a currency without a
     * base rate, else {@link ResultCode#OK}.
     */
    public ResultCode evaluate(Basket basket, MemberFacts member, EarnBreakdown out) {
        if (out.capacity() < requiredCapacity) {
            throw new IllegalArgumentException("breakdown holds " + out.capacity() + " entries; this program needs "
                    + requiredCapacity + " (use CompiledProgram.newBreakdown)");
        }
        if (!baseEarn.accepts(basket.currency)) {
            out.reset(0);
            return ResultCode.CURRENCY_NOT_ACCEPTED;
        }
        int lines = lines(basket);
        out.reset(lines);
        long local = zone.toLocalMillis(basket.occurredAtMillis);
        long day = Math.floorDiv(local, CivilCalendar.MILLIS_PER_DAY);
        int hour = (int) ((local - day * CivilCalendar.MILLIS_PER_DAY) / CivilCalendar.MILLIS_PER_HOUR);
        if (day != memoDay) {
            startDay(day, basket.occurredAtMillis);
        }
        int date = memoDate;
        int partner = t.partners.indexOf(basket.partnerId(), basket.partnerHash());
        int store = t.stores.indexOf(basket.storeId(), basket.storeHash());
        int multipliers = selectBasketMultipliers(basket, partner, store);
        if (hour != memoHour || partner != memoPartner || store != memoStore || basket.channel != memoChannel) {
            selectPromotions(basket, partner, store, hour);
        }
        boolean promotions = anyPromotionActive;
        if (promotions) {
            scopeLines(lines);
        }

        long eligibleAmount = 0;
        int eligibleLines = 0;
        for (int i = 0; i < lines; i++) {
            if (eligible[i]) {
                eligibleAmount += amount[i];
                eligibleLines++;
                out.lineBasketAmount[i] = amount[i];
                base[i] = out.earn(RuleTable.BASE, i, baseEarn.points(basket.currency, amount[i]));
            }
        }
        long tierExtraBp = t.tierExtraBp[tiers.clamp(member.tier)];
        for (int i = 0; i < lines; i++) {
            if (eligible[i] && base[i] > 0) {
                multiply(out, i, RuleTable.TIER, tierExtraBp);
                productMultiplier(out, i);
                for (int k = 0; k < multipliers; k++) {
                    multiply(out, i, activeMultipliers[k], t.multiplierBp[activeMultipliers[k]] - Points.ONE_X_BP);
                }
                if (promotions) {
                    promotionMultipliers(out, i);
                }
            }
        }
        for (int i = 0; i < lines; i++) {
            if (eligible[i]) {
                lineBonuses(out, i, promotions);
            }
        }
        if (eligibleLines > 0) {
            basketBonuses(basket, member, out, eligibleAmount, date, promotions);
        }
        out.qualifyingPoints = caps.apply(out, member, day);

        if (basket.currency == qualifyingCurrency) {
            out.qualifyingSpendMinor = eligibleAmount;
            for (int i = 0; i < lines; i++) {
                out.lineQualifyingSpend[i] = eligible[i] ? amount[i] : 0;
            }
        }
        out.pendingUntilMillis = pending.pendingUntil(basket.channel, basket.occurredAtMillis);
        out.expiresAtMillis = expiry.sameForWholeLocalDay() ? memoExpiresAt : expiry.expiresAt(basket.occurredAtMillis);
        out.localDay = day;
        return ResultCode.OK;
    }

    /** Copies the lines (or the total as one line) into scratch, looking up categories and SKUs once. */
    private int lines(Basket basket) {
        if (basket.lineCount == 0) {
            category[0] = StringIndex.MISSING;
            sku[0] = StringIndex.MISSING;
            eligible[0] = true;
            amount[0] = Math.max(0, basket.totalMinor);
            quantity[0] = 1;
            base[0] = 0;
            return 1;
        }
        int lines = Math.min(basket.lineCount, Basket.MAX_LINES);
        for (int i = 0; i < lines; i++) {
            category[i] = t.categories.indexOf(basket.category(i), basket.categoryHash(i));
            sku[i] = t.skus.indexOf(basket.sku(i), basket.skuHash(i));
            eligible[i] = category[i] == StringIndex.MISSING || !t.categoryExcluded[category[i]];
            amount[i] = Math.max(0, basket.lineAmountMinor[i]);
            quantity[i] = Math.max(0, basket.lineQuantity[i]);
            base[i] = 0;
        }
        return lines;
    }

    private int selectBasketMultipliers(Basket basket, int partner, int store) {
        int count = 0;
        for (int rule : t.basketMultiplierRules) {
            if (EarnTables.contains(t.partnerBits[rule], partner) && EarnTables.contains(t.storeBits[rule], store)
                    && EarnTables.inMask(t.channelMask[rule], basket.channel)
                    && EarnTables.inMask(t.paymentMask[rule], basket.paymentMethod)) {
                activeMultipliers[count++] = rule;
            }
        }
        return count;
    }

    /** The day's memo: its date, when points earned on it expire, the promotions valid on it. */
    private void startDay(long day, long anyMillisOfDay) {
        memoDay = day;
        memoDate = CivilCalendar.packedDate(day);
        memoExpiresAt = expiry.expiresAt(anyMillisOfDay);
        int weekday = CivilCalendar.dayOfWeek(day);
        dayPromotionCount = 0;
        for (int p = 0; p < t.promotionRules.length; p++) {
            int rule = t.promotionRules[p];
            if (day >= t.fromDay[rule] && day <= t.toDay[rule] && EarnTables.inMask(t.weekdayMask[rule], weekday)) {
                dayPromotions[dayPromotionCount++] = p;
            }
        }
        memoHour = -1; // the promotions active on another day: select again
    }

    /** Of the day's promotions, those valid at the hour, partner, store and channel, into {@link #activePromotions}. */
    private void selectPromotions(Basket basket, int partner, int store, int hour) {
        memoHour = hour;
        memoPartner = partner;
        memoStore = store;
        memoChannel = basket.channel;
        Arrays.fill(activePromotions, 0);
        boolean any = false;
        for (int k = 0; k < dayPromotionCount; k++) {
            int p = dayPromotions[k];
            int rule = t.promotionRules[p];
            if (hour >= t.fromHour[rule] && hour < t.toHour[rule]
                    && EarnTables.contains(t.partnerBits[rule], partner) && EarnTables.contains(t.storeBits[rule], store)
                    && EarnTables.inMask(t.channelMask[rule], basket.channel)) {
                activePromotions[p >>> 6] |= 1L << p;
                any = true;
            }
        }
        anyPromotionActive = any;
    }

    /** Each line's active promotions in scope of its category and SKU; and the basket bonuses some eligible line reaches. */
    private void scopeLines(int lines) {
        int words = t.promotionWords;
        Arrays.fill(basketScope, 0);
        for (int i = 0; i < lines; i++) {
            int categoryRow = t.promotionRow(category[i], t.categories);
            int skuRow = t.promotionRow(sku[i], t.skus);
            for (int w = 0; w < words; w++) {
                long scope = activePromotions[w] & t.promotionsOfCategory[categoryRow + w] & t.promotionsOfSku[skuRow + w];
                lineScope[i * words + w] = scope;
                if (eligible[i]) {
                    basketScope[w] |= scope & t.basketBonusPromotions[w];
                }
            }
        }
    }

    /** The line's promotion multipliers, in program order. */
    private void promotionMultipliers(EarnBreakdown out, int line) {
        int words = t.promotionWords;
        for (int w = 0; w < words; w++) {
            for (long m = lineScope[line * words + w] & t.multiplierPromotions[w]; m != 0; m &= m - 1) {
                int rule = t.promotionRules[w * 64 + Long.numberOfTrailingZeros(m)];
                multiply(out, line, rule, t.multiplierBp[rule] - Points.ONE_X_BP);
            }
        }
    }

    private void multiply(EarnBreakdown out, int line, int rule, long extraBp) {
        if (extraBp > 0) {
            out.earn(rule, line, Points.scale(base[line], extraBp));
        }
    }

    private void productMultiplier(EarnBreakdown out, int line) {
        int categoryRule = category[line] == StringIndex.MISSING ? EarnTables.NONE : t.categoryMultiplierRule[category[line]];
        int skuRule = sku[line] == StringIndex.MISSING ? EarnTables.NONE : t.skuMultiplierRule[sku[line]];
        int rule = skuRule != EarnTables.NONE
                && (categoryRule == EarnTables.NONE || t.multiplierBp[skuRule] >= t.multiplierBp[categoryRule])
                ? skuRule : categoryRule;
        if (rule != EarnTables.NONE) {
            multiply(out, line, rule, t.multiplierBp[rule] - Points.ONE_X_BP);
        }
    }

    private void lineBonuses(EarnBreakdown out, int line, boolean promotions) {
        if (category[line] != StringIndex.MISSING) {
            for (int k = t.categoryBonusStart[category[line]]; k < t.categoryBonusStart[category[line] + 1]; k++) {
                lineBonus(out, line, t.categoryBonusRules[k]);
            }
        }
        if (sku[line] != StringIndex.MISSING) {
            for (int k = t.skuBonusStart[sku[line]]; k < t.skuBonusStart[sku[line] + 1]; k++) {
                lineBonus(out, line, t.skuBonusRules[k]);
            }
        }
        if (promotions) {
            int words = t.promotionWords;
            for (int w = 0; w < words; w++) {
                for (long m = lineScope[line * words + w] & t.lineBonusPromotions[w]; m != 0; m &= m - 1) {
                    lineBonus(out, line, t.promotionRules[w * 64 + Long.numberOfTrailingZeros(m)]);
                }
            }
        }
    }

    private void lineBonus(EarnBreakdown out, int line, int rule) {
        long points = t.bonusPer[rule] == BonusPer.BONUS_PER_UNIT_VALUE
                ? Points.times(t.bonusPoints[rule], quantity[line]) : t.bonusPoints[rule];
        out.earn(rule, line, points);
    }

    private void basketBonuses(Basket basket, MemberFacts member, EarnBreakdown out, long eligibleAmount, int date,
                               boolean promotions) {
        for (int rule : t.basketBonusRules) {
            boolean earned = switch (t.kindOf(rule)) {
                case BASKET_THRESHOLD_BONUS -> basket.currency == t.thresholdCurrency[rule]
                        && eligibleAmount >= t.thresholdMinAmount[rule];
                case FIRST_PURCHASE_BONUS -> member.firstPurchase;
                case BIRTHDAY_BONUS -> isBirthday(rule, member, date);
                default -> false;
            };
            if (earned && out.earn(rule, EarnBreakdown.BASKET, t.bonusPoints[rule]) > 0 && t.kindOf(rule) == RuleKind.BIRTHDAY_BONUS) {
                out.birthdayBonusYear = CivilCalendar.year(date);
            }
        }
        if (promotions) {
            for (int w = 0; w < t.promotionWords; w++) {
                for (long m = basketScope[w]; m != 0; m &= m - 1) {
                    int rule = t.promotionRules[w * 64 + Long.numberOfTrailingZeros(m)];
                    out.earn(rule, EarnBreakdown.BASKET, t.bonusPoints[rule]);
                }
            }
        }
    }

    private boolean isBirthday(int rule, MemberFacts member, int date) {
        int year = CivilCalendar.year(date);
        if (member.birthdayMonth == 0 || member.birthdayBonusYear == year || CivilCalendar.month(date) != member.birthdayMonth) {
            return false;
        }
        if (t.birthdayWindow[rule] == BirthdayWindow.BIRTHDAY_WINDOW_MONTH_VALUE) {
            return true;
        }
        int birthday = member.birthdayMonth == 2 && member.birthdayDay == 29 && !CivilCalendar.isLeapYear(year)
                ? 28 : member.birthdayDay;
        return CivilCalendar.dayOfMonth(date) == birthday;
    }
}
