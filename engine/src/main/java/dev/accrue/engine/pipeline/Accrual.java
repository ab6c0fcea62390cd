package dev.accrue.engine.pipeline;

import dev.accrue.engine.rules.DailyEarnings;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.Basket;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.EarnBreakdown;
import dev.accrue.engine.rules.MemberFacts;
import dev.accrue.engine.rules.MemberWallets;
import dev.accrue.engine.rules.WalletCatalog;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.RuleTable;
import dev.accrue.engine.rules.TierProgress;
import dev.accrue.loyalty.v1.QualificationBasis;

/**
 * Applies a purchase to a member's record (already read and settled): evaluates the program
 * version in force when the purchase happened, credits the points as a lot (pending through the
 * channel's return window, expiring as the program says), counts the purchase toward the member's
 * tier and raises the tier the moment a threshold is crossed. Business-logic thread only; no
 * allocation.
 */
final class Accrual {
    private final ProgramVersions programs;
    private final Basket basket = new Basket();
    private final MemberFacts facts = new MemberFacts();
    /** Per line of the purchase: the wallet grant it matched (or -1) and the units it gave. */
    private final int[] lineGrant = new int[CommandSlot.MAX_LINE_ITEMS];
    private final long[] lineGrantUnits = new long[CommandSlot.MAX_LINE_ITEMS];

    Accrual(ProgramVersions programs) {
        this.programs = programs;
    }

    /** The purchase's movement for the history, filled by a successful {@link #apply}. */
    final Movement movement = new Movement();
    /** Points of a successful {@link #apply} that expired as they were credited (a late purchase's). */
    long expiredAtOnce;

    /** Applies the purchase in {@code slot} to {@code r}; on a refusal, {@code r} may be half-changed: do not write it. */
    ResultCode apply(CommandSlot slot, MemberRecord r) {
        int version = programs.indexAt(slot.occurredAtMillis);
        CompiledProgram program = programs.program(version);
        EarnBreakdown breakdown = programs.breakdown(version);
        fillBasket(slot);
        fillFacts(r, slot.occurredAtMillis, program);
        ResultCode evaluated = programs.calculator(version).evaluate(basket, facts, breakdown);
        if (evaluated != ResultCode.OK) {
            return evaluated;
        }
        long points = breakdown.total();
        if (r.lifetimeEarned > Long.MAX_VALUE - points || r.available > Long.MAX_VALUE - points) {
            return ResultCode.BALANCE_OVERFLOW;
        }
        long pendingUntil = program.pending().windowMillis(slot.channel) == 0 ? 0 : breakdown.pendingUntilMillis();
        int grants = program.wallets().hasGrants() ? grantWallets(slot, r, program.wallets()) : 0;
        if (grants < 0) {
            return ResultCode.WALLET_LIMIT_REACHED;
        }
        long expiredBefore = r.lifetimeExpired;
        if (!PointLots.credit(r, points, pendingUntil, breakdown.expiresAtMillis())) {
            return ResultCode.LOT_CAPACITY_REACHED;
        }
        expiredAtOnce = r.lifetimeExpired - expiredBefore;
        r.lifetimeEarned += points;
        r.purchaseCount++;
        countForDailyCap(r, breakdown.localDay(), points);
        if (breakdown.birthdayBonusYear() > r.birthdayBonusYear) {
            r.birthdayBonusYear = breakdown.birthdayBonusYear();
        }
        boolean spendBasis = program.qualificationBasis() == QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND;
        long qualifying = spendBasis ? breakdown.qualifyingSpendMinor() : breakdown.qualifyingPoints();
        if (qualifying != 0) {
            TierProgress.add(r, program.qualifyingPeriod(), slot.occurredAtMillis, qualifying);
            TierProgress.upgrade(r, program, slot.occurredAtMillis);
        }
        slot.pointsEarned = points;
        slot.programVersion = version + 1;
        copyBreakdown(slot, program.rules(), breakdown);
        describe(slot, r, breakdown, pendingUntil, spendBasis, version + 1);
        if (grants > 0) {
            describeGrants(slot, program.wallets());
        }
        return ResultCode.OK;
    }

    /**
     * Credits the wallets whose grants the purchase's SKUs match; returns how many lines matched,
     * or -1 (nothing credited) if the member has no room for a wallet it does not hold yet.
     */
    private int grantWallets(CommandSlot slot, MemberRecord r, WalletCatalog wallets) {
        int matched = 0;
        for (int i = 0; i < slot.lineCount; i++) {
            lineGrant[i] = wallets.grant(slot.lineSku[i], slot.lineSkuHash[i]);
            if (lineGrant[i] >= 0) {
                if (!MemberWallets.canCredit(r, wallets.grantWalletKey(lineGrant[i]))) {
                    return -1;
                }
                matched++;
            }
        }
        for (int i = 0; i < slot.lineCount && matched > 0; i++) {
            if (lineGrant[i] >= 0) {
                lineGrantUnits[i] = wallets.grantUnits(lineGrant[i]) * slot.lineQuantity[i];
                MemberWallets.add(r, wallets.grantWalletKey(lineGrant[i]), lineGrantUnits[i]);
            }
        }
        return matched;
    }

    /** Records each line's wallet units as an entry (a return takes back its share) and on the receipt. */
    private void describeGrants(CommandSlot slot, WalletCatalog wallets) {
        Movement m = movement;
        m.ensureEntries(m.entryCount + slot.lineCount);
        for (int i = 0; i < slot.lineCount; i++) {
            if (lineGrant[i] >= 0) {
                slot.earnedByRule(wallets.grantLabel(lineGrant[i]), lineGrantUnits[i]);
                m.entryRule[m.entryCount] = Movement.walletGrantRule(lineGrant[i]);
                m.entryLine[m.entryCount] = i;
                m.entryPoints[m.entryCount] = lineGrantUnits[i];
                m.entryCount++;
            }
        }
    }

    /**
     * The EARNED movement: what each line earned and counted toward the tier (its base points left
     * after caps, or its amount on a spend basis), so that a return of some lines takes back
     * exactly their share.
     */
    private void describe(CommandSlot slot, MemberRecord r, EarnBreakdown breakdown, long pendingUntil,
                          boolean spendBasis, int version) {
        Movement m = movement.clear(Movement.Kind.EARNED);
        m.previous = r.latestMovement;
        m.sequence = slot.sequence;
        m.occurredAtMillis = slot.occurredAtMillis;
        m.points = breakdown.total();
        m.pendingPoints = pendingUntil > r.settledThroughMillis ? breakdown.total() : 0;
        m.pendingUntilMillis = pendingUntil;
        m.expiresAtMillis = breakdown.expiresAtMillis();
        m.programVersion = version;
        m.eventId.append(slot.eventId);
        // Per rule, summed over lines: what the history shows. Returns need each line's total
        // only, kept below, so the log stays small (it is written for every purchase).
        m.ensureEntries(breakdown.entryCount());
        for (int i = 0; i < breakdown.entryCount(); i++) {
            int rule = breakdown.entryRule(i);
            int k = 0;
            while (k < m.entryCount && m.entryRule[k] != rule) {
                k++;
            }
            if (k == m.entryCount) {
                m.entryRule[k] = rule;
                m.entryLine[k] = EarnBreakdown.BASKET;
                m.entryPoints[k] = 0;
                m.entryCount++;
            }
            m.entryPoints[k] += breakdown.entryPoints(i);
        }
        int lines = Math.max(slot.lineCount, 1);
        m.lineCount = lines;
        for (int i = 0; i < lines; i++) {
            m.lineQuantity[i] = slot.lineCount == 0 ? 1 : slot.lineQuantity[i];
            m.lineAmountMinor[i] = slot.lineCount == 0 ? slot.totalMinor : slot.lineAmountMinor[i];
            m.linePoints[i] = breakdown.linePoints(i);
            m.lineQualifying[i] = spendBasis ? breakdown.lineQualifyingSpend(i) : breakdown.lineQualifyingPoints(i);
            m.lineBasketAmount[i] = breakdown.lineBasketAmount(i);
        }
    }

    private void fillBasket(CommandSlot slot) {
        basket.clear();
        basket.currency = slot.currency;
        basket.occurredAtMillis = slot.occurredAtMillis;
        basket.channel = slot.channel;
        basket.paymentMethod = slot.paymentMethod;
        basket.at(slot.partnerId, slot.partnerHash, slot.storeId, slot.storeHash);
        basket.totalMinor = slot.totalMinor;
        for (int i = 0; i < slot.lineCount; i++) {
            basket.addLine(slot.lineSku[i], slot.lineSkuHash[i], slot.lineCategory[i], slot.lineCategoryHash[i],
                    slot.lineQuantity[i], slot.lineAmountMinor[i]);
        }
    }

    private void fillFacts(MemberRecord r, long millis, CompiledProgram program) {
        facts.clear();
        facts.tier = TierProgress.effectiveTier(r, millis);
        facts.birthdayMonth = r.birthday / 100;
        facts.birthdayDay = r.birthday % 100;
        facts.birthdayBonusYear = r.birthdayBonusYear;
        facts.firstPurchase = r.purchaseCount == 0;
        long day = program.zone().localEpochDay(millis);
        facts.earnedDay = day;
        if (day > r.capDay) {
            facts.pointsEarnedOnDay = 0;
        } else if (day > r.capDay - MemberRecord.CAP_DAYS) {
            facts.pointsEarnedOnDay = r.earnedByDay[dayIndex(day)];
        } else {
            // A purchase dated before the days the record keeps: what that day earned is unknown,
            // so a per-day cap counts it as reached rather than granting the day afresh.
            facts.pointsEarnedOnDay = program.maxPointsPerMemberPerDay() > 0 ? program.maxPointsPerMemberPerDay() : 0;
        }
    }

    private static void countForDailyCap(MemberRecord r, long day, long points) {
        DailyEarnings.add(r, day, points);
    }

    private static int dayIndex(long day) {
        return DailyEarnings.index(day);
    }

    private static void copyBreakdown(CommandSlot slot, RuleTable rules, EarnBreakdown breakdown) {
        slot.earnedByRuleCount = 0;
        for (int i = 0; i < breakdown.entryCount(); i++) {
            slot.earnedByRule(rules.id(breakdown.entryRule(i)), breakdown.entryPoints(i));
        }
    }
}
