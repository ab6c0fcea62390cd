package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.Movement;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.ReturnPolicy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A valid program, compiled for the engine: the source message (for the admin API), its rule
 * table, tier ladder, qualification window, policies, and the lookup tables the
 * {@link EarnCalculator} runs on. Immutable; made by {@link ProgramCompiler#compile}.
 */
public final class CompiledProgram {
    private final Program source;
    private final RuleTable rules;
    private final TierLadder tiers;
    private final QualifyingPeriod qualifyingPeriod;
    private final BaseEarnRule baseEarn;
    private final ZoneOffsets zone;
    private final PendingRule pending;
    private final ExpiryRule expiry;
    private final EarnTables tables;
    private final int qualifyingCurrency;
    private final int breakdownCapacity;
    private final WalletCatalog wallets;
    private final boolean debtAsNegativeBalance;

    CompiledProgram(Program source) {
        this.source = source;
        this.rules = new RuleTable(source);
        this.tiers = new TierLadder(source);
        this.zone = ZoneOffsets.of(source.getTimeZone());
        this.qualifyingPeriod = new QualifyingPeriod(source.getTierQualification(), zone);
        Map<String, EarnRate> rates = new LinkedHashMap<>();
        for (BaseRate rate : source.getBaseEarnList()) {
            rates.put(rate.getCurrency(), new EarnRate(rate.getPoints(), rate.getPerMinorUnits()));
        }
        this.baseEarn = new BaseEarnRule(rates);
        this.pending = new PendingRule(source.getPending());
        this.expiry = new ExpiryRule(source.getExpiry(), zone);
        this.tables = new EarnTables(source, rules);
        this.wallets = new WalletCatalog(source);
        this.debtAsNegativeBalance = source.getReturnPolicy() == ReturnPolicy.RETURN_POLICY_ALLOW_NEGATIVE_BALANCE;
        this.qualifyingCurrency = qualificationBasis() == QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND
                ? CurrencyCode.pack(source.getTierQualification().getQualifyingCurrency()) : CurrencyCode.INVALID;
        // The most entries one evaluation can write: per line base, tier, product multiplier, every
        // basket multiplier and promotion, every bonus of its category and SKU; then every basket
        // bonus and promotion; then one trim per line and the basket for each of the two caps.
        int perLine = 3 + tables.basketMultiplierRules.length + tables.promotionRules.length
                + tables.maxBonusesPerCategory() + tables.maxBonusesPerSku();
        this.breakdownCapacity = Basket.MAX_LINES * perLine + tables.basketBonusRules.length
                + tables.promotionRules.length + 2 * (Basket.MAX_LINES + 1);
    }

    /** The wallets besides the points, and the SKUs that credit them. */
    public WalletCatalog wallets() {
        return wallets;
    }

    /** The program as given (with the version the engine set), for the admin API. */
    public Program source() {
        return source;
    }

    public long version() {
        return source.getVersion();
    }

    public String name() {
        return source.getName();
    }

    /** The base earn rule: rates per currency, and which currencies the program accepts. */
    public BaseEarnRule baseEarn() {
        return baseEarn;
    }

    /**
     * The id a movement entry of a purchase judged by this version shows its points by: the rule's,
     * or for a wallet grant's units the grant's label ("wallet:" and the wallet's id).
     */
    public String entryRuleId(int entryRule) {
        return entryRule > Movement.WALLET_GRANT_BASE ? rules.id(entryRule)
                : wallets.grantLabel(Movement.walletGrant(entryRule));
    }

    /** Rule ids and kinds by the index breakdown entries name. */
    public RuleTable rules() {
        return rules;
    }

    public TierLadder tiers() {
        return tiers;
    }

    public QualifyingPeriod qualifyingPeriod() {
        return qualifyingPeriod;
    }

    public QualificationBasis qualificationBasis() {
        return source.getTierQualification().getBasis();
    }

    /** The packed qualifying currency for a spend basis, else {@link CurrencyCode#INVALID}. */
    public int qualifyingCurrency() {
        return qualifyingCurrency;
    }

    public ZoneOffsets zone() {
        return zone;
    }

    public PendingRule pending() {
        return pending;
    }

    public ExpiryRule expiry() {
        return expiry;
    }

    public ReturnPolicy returnPolicy() {
        return source.getReturnPolicy();
    }

    /**
     * Whether balances show debt as negative available points ({@code RETURN_POLICY_ALLOW_NEGATIVE_BALANCE})
     * rather than as {@code debt} beside them. The points are the same either way.
     */
    public boolean debtAsNegativeBalance() {
        return debtAsNegativeBalance;
    }

    /** 0 = no cap. */
    public long maxPointsPerTransaction() {
        return source.getCaps().getMaxPointsPerTransaction();
    }

    /** 0 = no cap. */
    public long maxPointsPerMemberPerDay() {
        return source.getCaps().getMaxPointsPerMemberPerDay();
    }

    /** Entries a breakdown needs to hold any evaluation of this program. */
    public int breakdownCapacity() {
        return breakdownCapacity;
    }

    public EarnBreakdown newBreakdown() {
        return new EarnBreakdown(breakdownCapacity);
    }

    public EarnCalculator newCalculator() {
        return new EarnCalculator(this);
    }

    EarnTables tables() {
        return tables;
    }
}
