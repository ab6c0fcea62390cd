package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Program;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One program with a calculator and reusable basket, member facts and breakdown, as the engine
 * holds them. The basket starts as a POS card purchase in EUR at partner "acme", store "s1", on
 * Wednesday 2026-03-11 at 10:00 Prague time. Every evaluation checks the breakdown's invariants:
 * entries sum to the total and each line's entries to its points.
 */
final class EarnFixture {
    static final String WEDNESDAY_10AM = "2026-03-11T09:00:00Z";

    final CompiledProgram program;
    final EarnCalculator calculator;
    final Basket basket = new Basket();
    final MemberFacts member = new MemberFacts();
    final EarnBreakdown out;

    EarnFixture(Program.Builder program) {
        this.program = Programs.compile(program);
        this.calculator = this.program.newCalculator();
        this.out = this.program.newBreakdown();
        basket.currency = CurrencyCode.pack("EUR");
        basket.channel = Channel.CHANNEL_POS_VALUE;
        basket.paymentMethod = PaymentMethod.PAYMENT_METHOD_CARD_VALUE;
        basket.at("acme", "s1");
        at(WEDNESDAY_10AM);
    }

    EarnFixture at(String instant) {
        basket.occurredAtMillis = Instant.parse(instant).toEpochMilli();
        return this;
    }

    EarnFixture line(String sku, String category, long quantity, long amountMinor) {
        basket.addLine(sku, category, quantity, amountMinor);
        return this;
    }

    /** Evaluates, checks the invariants, returns the total. */
    long earn() {
        assertEquals(ResultCode.OK, calculator.evaluate(basket, member, out));
        long sum = 0;
        long[] lines = new long[out.lineCount()];
        for (int k = 0; k < out.entryCount(); k++) {
            sum += out.entryPoints(k);
            if (out.entryLine(k) != EarnBreakdown.BASKET) {
                lines[out.entryLine(k)] += out.entryPoints(k);
            }
        }
        assertEquals(out.total(), sum, () -> "entries must sum to the total: " + describe());
        for (int i = 0; i < lines.length; i++) {
            assertEquals(lines[i], out.linePoints(i), "line " + i + ": " + describe());
        }
        return out.total();
    }

    /** Points the rule with the id contributed (negative for a cap). */
    long from(String ruleId) {
        int rule = program.rules().indexOf(ruleId);
        long sum = 0;
        for (int k = 0; k < out.entryCount(); k++) {
            if (out.entryRule(k) == rule) {
                sum += out.entryPoints(k);
            }
        }
        return sum;
    }

    /** Points the rule gave line {@code line} (or {@link EarnBreakdown#BASKET}). */
    long from(String ruleId, int line) {
        int rule = program.rules().indexOf(ruleId);
        long sum = 0;
        for (int k = 0; k < out.entryCount(); k++) {
            if (out.entryRule(k) == rule && out.entryLine(k) == line) {
                sum += out.entryPoints(k);
            }
        }
        return sum;
    }

    String describe() {
        return out.describe(program.rules());
    }
}
