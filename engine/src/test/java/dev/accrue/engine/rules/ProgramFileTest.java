package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ReturnPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramFileTest {
    private static final Path EXAMPLE = Path.of("..", "config", "program.json");

    @Test
    void theExampleProgramCompiles() throws Exception {
        CompiledProgram program = ProgramFile.load(EXAMPLE);

        assertEquals("Accrue Rewards", program.name());
        assertEquals(List.of("member", "silver", "gold", "platinum", "diamond"),
                List.of(program.tiers().id(0), program.tiers().id(1), program.tiers().id(2), program.tiers().id(3), program.tiers().id(4)));
        assertEquals(RuleTable.FIRST_PROGRAM_RULE + 13 + 3, program.rules().size());
        assertEquals(RuleKind.EXCLUDED_CATEGORIES, program.rules().kind(program.rules().indexOf("no-points-on-gift-cards-tobacco-deposits")));
        assertEquals(ReturnPolicy.RETURN_POLICY_RECORD_DEBT, program.returnPolicy());
        assertTrue(program.baseEarn().accepts(CurrencyCode.pack("CZK")));
        assertEquals("Accrue Rewards", program.name());
    }

    @Test
    void theExampleProgramEarnsAsItsRulesSay() throws Exception {
        CompiledProgram program = ProgramFile.load(EXAMPLE);
        EarnCalculator calculator = program.newCalculator();
        EarnBreakdown out = program.newBreakdown();
        MemberFacts gold = new MemberFacts();
        gold.tier = 2;
        Basket basket = new Basket()
                .addLine("APPLES-1KG", "fresh-produce", 2, 598)
                .addLine("GIFT-CARD-50", "gift-cards", 1, 5_000)
                .addLine("DENIM-SLIM-32", "menswear", 1, 8_990)
                .addLine("EGGS-10", "organic", 2, 798);
        basket.currency = CurrencyCode.pack("EUR");
        basket.channel = Channel.CHANNEL_ESHOP_VALUE;
        basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_CARD_VALUE;
        basket.at("accrue-fashion", "web");
        basket.occurredAtMillis = Instant.parse("2026-07-04T10:00:00Z").toEpochMilli(); // a Saturday in summer

        assertEquals(ResultCode.OK, calculator.evaluate(basket, gold, out));

        // Base: apples 5, gift card 0 (excluded), denim 89, eggs 7 = 101.
        // Tier gold 1.25x: 1 + 22 + 1 = 24. Fresh 2x: 5. Fashion 1.5x: 44. E-shop 1.2x: 1 + 17 + 1 = 19.
        // Weekend 2x: 5 + 89 + 7 = 101. Summer fashion 3x: 178. Organic 5 per unit: 10. Denim 200 per line.
        // Eligible basket 103.86 EUR (the 50 EUR gift card does not count): over 100 EUR, +100.
        assertEquals(101 + 24 + 5 + 44 + 19 + 101 + 178 + 10 + 200 + 100, out.total(), () -> out.describe(program.rules()));
        assertEquals(0, out.linePoints(1));
        assertEquals(0, out.qualifyingSpendMinor(), "a points basis has no qualifying spend");
        assertEquals(101, out.qualifyingPoints());
        assertEquals(basket.occurredAtMillis + 14 * 86_400_000L, out.pendingUntilMillis());
        assertEquals(Instant.parse("2028-09-30T22:00:00Z").toEpochMilli(), out.expiresAtMillis(), "24 months, end of Q3 2028");
    }

    @Test
    void aProgramSurvivesItsJsonFormUnchanged(@TempDir Path dir) throws Exception {
        Program program = ProgramFile.read(EXAMPLE);
        Path copy = dir.resolve("copy.json");
        Files.writeString(copy, ProgramFile.toJson(program));

        assertEquals(program, ProgramFile.read(copy));
    }

    @Test
    void aMisspeltFieldIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("program.json");
        Files.writeString(file, "{\"name\": \"x\", \"time_zon\": \"Europe/Prague\"}");

        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> ProgramFile.read(file));

        assertTrue(e.problems().get(0).startsWith(file + ": not a program in JSON form"), e.problems().get(0));
        assertTrue(e.problems().get(0).contains("time_zon"), e.problems().get(0));
    }

    @Test
    void anInvalidProgramFileIsRefusedWithItsProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("program.json");
        Files.writeString(file, ProgramFile.toJson(ProgramFile.read(EXAMPLE).toBuilder().setTimeZone("Europe/Nowhere").build()));

        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> ProgramFile.load(file));

        assertEquals(List.of("time_zone: is not an IANA time zone id: 'Europe/Nowhere'"), e.problems());
    }
}
