package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Caps;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.accrue.engine.pipeline.ProcessorDriver.earnedByRule;
import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-member-per-day cap through the processor: a local day's purchases share it. */
class DailyCapTest {
    /** A point per euro in Prague, at most 100 points a member a local day. */
    private static final Program CAPPED = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .setCaps(Caps.newBuilder().setMaxPointsPerMemberPerDay(100))
            .build();

    @TempDir
    Path directory;
    private ProcessorDriver engine;
    private long member;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, CAPPED);
        member = engine.enrol("CARD", 0, prague("2026-01-01T08:00")).resultMemberId;
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void twoPurchasesOnOneLocalDayShareTheDailyCap() {
        // 00:30 in Prague is still 4 January in UTC: the cap counts the program's local day.
        CommandSlot morning = buy("2026-01-05T00:30", 80_00);
        CommandSlot evening = buy("2026-01-05T22:00", 60_00);
        CommandSlot nextDay = buy("2026-01-06T00:10", 60_00);

        assertEquals(80, morning.pointsEarned);
        assertEquals(20, evening.pointsEarned);
        assertEquals(Map.of("base", 60L, "daily-cap", -40L), earnedByRule(evening));
        assertEquals(60, nextDay.pointsEarned, "a new local day, a new cap");
        assertEquals(160, engine.balance(member).available);
    }

    @Test
    void aPurchaseArrivingLateForAnEarlierDayStillSharesThatDaysCap() {
        buy("2026-01-05T10:00", 100_00);
        buy("2026-01-06T10:00", 10_00);

        // An e-shop order of the 5th reaches the engine after a purchase of the 6th.
        CommandSlot late = engine.purchase(member, CHANNEL_ESHOP, prague("2026-01-05T21:00"))
                .line("groceries", null, 50_00).apply();

        assertEquals(0, late.pointsEarned, "the 5th already earned its 100: " + earnedByRule(late));
    }

    private CommandSlot buy(String local, long amountMinor) {
        return engine.purchase(member, CHANNEL_POS, prague(local)).line("groceries", null, amountMinor).apply();
    }
}
