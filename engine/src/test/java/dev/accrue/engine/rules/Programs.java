package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.FixedBonus;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;

import static org.junit.jupiter.api.Assertions.fail;

/** Programs for tests: a minimal valid one to add rules to, and compiling without checked exceptions. */
final class Programs {
    static final String ZONE = "Europe/Prague";

    private Programs() {
    }

    /** Prague, 1 point per euro, one tier, points over 12 rolling months, no rules. */
    static Program.Builder minimal() {
        return Program.newBuilder()
                .setName("test")
                .setTimeZone(ZONE)
                .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(1).setPerMinorUnits(100))
                .addTiers(Tier.newBuilder().setId("member").setName("Member"))
                .setTierQualification(TierQualification.newBuilder()
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS)
                        .setWindow(QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS)
                        .setRollingMonths(12)
                        .setSoftLandingMaxTiersDropped(1))
                .setReturnPolicy(ReturnPolicy.RETURN_POLICY_RECORD_DEBT);
    }

    static Tier tier(String id, long threshold, int multiplierBp) {
        return Tier.newBuilder().setId(id).setName(id).setThreshold(threshold).setEarnMultiplierBp(multiplierBp).build();
    }

    static EarnRule.Builder rule(String id) {
        return EarnRule.newBuilder().setId(id);
    }

    static FixedBonus bonus(long points, BonusPer per) {
        return FixedBonus.newBuilder().setPoints(points).setPer(per).build();
    }

    static CompiledProgram compile(Program.Builder program) {
        try {
            return ProgramCompiler.compile(program.build());
        } catch (InvalidProgramException e) {
            return fail("the test program should be valid: " + e.problems());
        }
    }
}
