package dev.accrue.engine.testing;

import dev.accrue.engine.rules.ProgramFile;
import dev.accrue.engine.state.EngineState;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Programs for engine tests: base earn only (one point per whole EUR, USD, GBP, CHF or JPY 100,
 * one per CZK 25), one tier, nothing pending, nothing expiring; so points are easy to predict.
 */
public final class TestPrograms {
    private TestPrograms() {
    }

    public static Program.Builder baseOnly() {
        Program.Builder program = Program.newBuilder()
                .setName("Test program")
                .setTimeZone("UTC")
                .addTiers(Tier.newBuilder().setId("member").setName("Member"))
                .setTierQualification(TierQualification.newBuilder()
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS)
                        .setWindow(QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS)
                        .setRollingMonths(12)
                        .setSoftLandingMaxTiersDropped(1))
                .setReturnPolicy(ReturnPolicy.RETURN_POLICY_RECORD_DEBT);
        for (String currency : new String[] {"EUR", "USD", "GBP", "CHF", "JPY"}) {
            program.addBaseEarn(rate(currency, 1, 100));
        }
        return program.addBaseEarn(rate("CZK", 1, 2_500));
    }

    public static BaseRate rate(String currency, long points, long perMinorUnits) {
        return BaseRate.newBuilder().setCurrency(currency).setPoints(points).setPerMinorUnits(perMinorUnits).build();
    }

    /** Puts the program into the state as its first version, in force from the beginning of time. */
    public static void install(EngineState state, Program program) {
        state.programs().append(0, program.toByteArray());
    }

    /** Writes the program as a program file. */
    public static Path write(Path file, Program program) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, ProgramFile.toJson(program));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
