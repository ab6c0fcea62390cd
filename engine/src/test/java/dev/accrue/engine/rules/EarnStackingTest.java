package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.ChannelMultiplier;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.PartnerMultiplier;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.PaymentMethodMultiplier;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.SkuMultiplier;
import dev.accrue.loyalty.v1.TierQualification;
import org.junit.jupiter.api.Test;

import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static dev.accrue.engine.rules.Programs.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stages 1 to 3 of the stacking order: exclusions, base per line, multipliers. */
class EarnStackingTest {

    @Test
    void baseIsRoundedDownPerLineSoEachLineKeepsExactlyWhatItEarned() {
        EarnFixture f = new EarnFixture(minimal()).line("A", null, 1, 199).line("B", null, 1, 199);

        assertEquals(2, f.earn(), "1.99 + 1.99 EUR: one point per line, not 3 for 3.98");
        assertEquals(1, f.out.linePoints(0));
        assertEquals(1, f.out.linePoints(1));
        assertEquals(2, f.from("base"));
    }

    @Test
    void purchaseWithoutLinesEarnsOnItsTotalAsOneLine() {
        EarnFixture f = new EarnFixture(minimal());
        f.basket.totalMinor = 4_250;

        assertEquals(42, f.earn());
        assertEquals(1, f.out.lineCount());
        assertEquals(42, f.out.linePoints(0));
    }

    @Test
    void giftCardsEarnNothingAndDoNotCountTowardTheBasketThreshold() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("no-gift-cards").setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards")))
                .addEarnRules(rule("over-100").setBasketThresholdBonus(BasketThresholdBonus.newBuilder()
                        .setCurrency("EUR").setMinAmountMinor(10_000).setPoints(100))))
                .line("MILK", "groceries", 1, 6_000).line("GIFT-50", "gift-cards", 1, 5_000);

        assertEquals(60, f.earn(), "groceries earn base; the gift card nothing; 60 EUR eligible is under the threshold");
        assertEquals(0, f.out.linePoints(1));
        assertEquals(0, f.from("over-100"));
    }

    @Test
    void excludedLinesDoNotCountTowardQualifyingSpend() {
        EarnFixture f = new EarnFixture(minimal()
                .setTierQualification(TierQualification.newBuilder(minimal().getTierQualification())
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND).setQualifyingCurrency("EUR"))
                .addEarnRules(rule("no-gift-cards").setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards"))))
                .line("MILK", "groceries", 1, 6_000).line("GIFT-50", "gift-cards", 1, 5_000);

        f.earn();

        assertEquals(6_000, f.out.qualifyingSpendMinor());
        assertEquals(60, f.out.qualifyingPoints());
        assertEquals(6_000, f.out.lineQualifyingSpend(0));
        assertEquals(0, f.out.lineQualifyingSpend(1), "a return of the gift card takes back no spend");
    }

    @Test
    void spendInAnotherCurrencyThanTheQualifyingOneDoesNotQualify() {
        EarnFixture f = new EarnFixture(minimal()
                .addBaseEarn(BaseRate.newBuilder().setCurrency("CZK").setPoints(1).setPerMinorUnits(2_500))
                .setTierQualification(TierQualification.newBuilder(minimal().getTierQualification())
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND).setQualifyingCurrency("EUR")))
                .line("MILK", "groceries", 1, 250_000);
        f.basket.currency = CurrencyCode.pack("CZK");

        assertEquals(100, f.earn());
        assertEquals(0, f.out.qualifyingSpendMinor());
    }

    @Test
    void tierMultiplierAddsItsShareOfBaseAsItsOwnEntry() {
        EarnFixture f = new EarnFixture(minimal().addTiers(tier("gold", 1_000, 15_000))).line("A", null, 1, 1_000);
        f.member.tier = 1;

        assertEquals(15, f.earn());
        assertEquals(10, f.from("base"));
        assertEquals(5, f.from("tier"));
        assertEquals(10, f.out.qualifyingPoints(), "multipliers reward; only base qualifies");
    }

    @Test
    void aTierIndexBeyondTheLadderCountsAsTheTopTier() {
        EarnFixture f = new EarnFixture(minimal().addTiers(tier("gold", 1_000, 15_000))).line("A", null, 1, 1_000);
        f.member.tier = 7;

        assertEquals(15, f.earn());
    }

    @Test
    void categoryAndSkuMultipliersDoNotCompoundTheHighestWins() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("fresh-2x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(20_000)))
                .addEarnRules(rule("coffee-3x").setSkuMultiplier(SkuMultiplier.newBuilder()
                        .addSkus("COFFEE").setMultiplierBp(30_000))))
                .line("COFFEE", "fresh", 1, 1_000).line("APPLES", "fresh", 1, 1_000);

        assertEquals(30 + 20, f.earn());
        assertEquals(20, f.from("coffee-3x", 0), "coffee gets 3x, not 3x plus 2x");
        assertEquals(0, f.from("fresh-2x", 0));
        assertEquals(10, f.from("fresh-2x", 1));
    }

    @Test
    void aCategoryMultiplierHigherThanTheSkuMultiplierWins() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("fresh-4x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(40_000)))
                .addEarnRules(rule("coffee-3x").setSkuMultiplier(SkuMultiplier.newBuilder()
                        .addSkus("COFFEE").setMultiplierBp(30_000))))
                .line("COFFEE", "fresh", 1, 1_000);

        assertEquals(40, f.earn());
        assertEquals(30, f.from("fresh-4x"));
    }

    @Test
    void ofTwoCategoryMultipliersForOneCategoryTheHigherApplies() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("fresh-2x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(20_000)))
                .addEarnRules(rule("fresh-3x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(30_000))))
                .line("APPLES", "fresh", 1, 1_000);

        assertEquals(30, f.earn());
        assertEquals(20, f.from("fresh-3x"));
    }

    @Test
    void multipliersEachAddTheirExtraOnBaseSoTheirOrderCannotChangeTheResult() {
        Program.Builder program = minimal().addTiers(tier("gold", 1_000, 15_000))
                .addEarnRules(rule("eshop").setChannelMultiplier(ChannelMultiplier.newBuilder()
                        .addChannels(Channel.CHANNEL_ESHOP).setMultiplierBp(12_000)))
                .addEarnRules(rule("wallet").setPaymentMethodMultiplier(PaymentMethodMultiplier.newBuilder()
                        .addPaymentMethods(PaymentMethod.PAYMENT_METHOD_MOBILE_WALLET).setMultiplierBp(11_000)));
        Program.Builder reversed = program.clone().clearEarnRules()
                .addEarnRules(program.getEarnRules(1)).addEarnRules(program.getEarnRules(0));

        for (Program.Builder p : new Program.Builder[] {program, reversed}) {
            EarnFixture f = new EarnFixture(p).line("A", null, 1, 10_000);
            f.member.tier = 1;
            f.basket.channel = Channel.CHANNEL_ESHOP_VALUE;
            f.basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_MOBILE_WALLET_VALUE;

            assertEquals(100 + 50 + 20 + 10, f.earn(), "additive extras, not 100 x 1.5 x 1.2 x 1.1 = 198");
            assertEquals(20, f.from("eshop"));
            assertEquals(10, f.from("wallet"));
        }
    }

    @Test
    void multiplierExtrasAreRoundedDownPerLine() {
        EarnFixture f = new EarnFixture(minimal().addTiers(tier("gold", 1_000, 15_000))).line("A", null, 1, 100).line("B", null, 1, 100);
        f.member.tier = 1;

        assertEquals(2, f.earn(), "half a point per line rounds down to nothing");
        assertEquals(0, f.from("tier"));
    }

    @Test
    void partnerMultiplierAppliesOnlyAtItsPartnersStores() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("flagship").setPartnerMultiplier(PartnerMultiplier.newBuilder()
                        .addPartnerIds("acme").addStoreIds("flagship").setMultiplierBp(20_000))))
                .line("A", null, 1, 1_000);

        f.basket.at(f.basket.partnerId(), "flagship");
        assertEquals(20, f.earn());
        f.basket.at(f.basket.partnerId(), "s1");
        assertEquals(10, f.earn(), "another store of the partner");
        f.basket.at("other", "flagship");
        assertEquals(10, f.earn(), "a store of the same name at another partner");
    }

    @Test
    void partnerMultiplierWithoutStoresAppliesAtEveryStoreOfThePartner() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("acme").setPartnerMultiplier(PartnerMultiplier.newBuilder()
                        .addPartnerIds("acme").setMultiplierBp(20_000))))
                .line("A", null, 1, 1_000);

        f.basket.at(f.basket.partnerId(), new StringBuilder("any-store"));
        assertEquals(20, f.earn());
        f.basket.at(new StringBuilder("acme2"), f.basket.storeId());
        assertEquals(10, f.earn());
    }

    @Test
    void channelMultiplierAppliesOnlyOnItsChannel() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("eshop").setChannelMultiplier(ChannelMultiplier.newBuilder()
                        .addChannels(Channel.CHANNEL_ESHOP).setMultiplierBp(20_000))))
                .line("A", null, 1, 1_000);

        assertEquals(10, f.earn());
        f.basket.channel = Channel.CHANNEL_ESHOP_VALUE;
        assertEquals(20, f.earn());
    }

    @Test
    void paymentMethodMultiplierAppliesOnlyToItsMethods() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("cards").setPaymentMethodMultiplier(PaymentMethodMultiplier.newBuilder()
                        .addPaymentMethods(PaymentMethod.PAYMENT_METHOD_CARD).setMultiplierBp(15_000))))
                .line("A", null, 1, 1_000);

        assertEquals(15, f.earn());
        f.basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_CASH_VALUE;
        assertEquals(10, f.earn());
        f.basket.paymentMethod = 0;
        assertEquals(10, f.earn(), "no payment method given");
    }

    @Test
    void categoriesAndSkusTheProgramDoesNotNameEarnBaseOnly() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("fresh-2x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(20_000))))
                .line("X", "hardware", 1, 1_000).line("Y", null, 1, 1_000).line("Z", "Fresh", 1, 1_000);

        assertEquals(30, f.earn(), "categories match exactly, case included");
    }

    @Test
    void currencyWithoutABaseRateIsRefusedWithAnEmptyBreakdown() {
        EarnFixture f = new EarnFixture(minimal()).line("A", null, 1, 1_000);
        f.earn();
        f.basket.currency = CurrencyCode.pack("USD");

        assertEquals(ResultCode.CURRENCY_NOT_ACCEPTED, f.calculator.evaluate(f.basket, f.member, f.out));
        assertEquals(0, f.out.total());
        assertEquals(0, f.out.entryCount());
    }

    @Test
    void theLargestPurchaseAtTheHighestRatesSaturatesAtTheEventCeilingInsteadOfOverflowing() {
        EarnFixture f = new EarnFixture(minimal().clearBaseEarn()
                .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(EarnRate.MAX_POINTS).setPerMinorUnits(1))
                .addTiers(tier("top", 1, Problems.MAX_MULTIPLIER_BP)));
        for (int i = 0; i < Basket.MAX_LINES; i++) {
            f.line("SKU" + i, null, 1, Problems.MAX_AMOUNT_MINOR);
        }
        f.member.tier = 1;

        assertEquals(Points.MAX_PER_EVENT, f.earn());
    }

    @Test
    void aBreakdownTooSmallForTheProgramIsABugReportedLoudly() {
        EarnFixture f = new EarnFixture(minimal()).line("A", null, 1, 1_000);

        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.calculator.evaluate(f.basket, f.member, new EarnBreakdown(3)));
    }
}
