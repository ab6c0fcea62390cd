package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New program versions through the processor: journaled, in force from their time, never rewriting the past. */
class ProgramChangeTest {
    /** Version 1: a point per euro. */
    private static final Program ONE_PER_EURO = pointsPerEuro(1);
    /** A later version: two points per euro. */
    private static final Program TWO_PER_EURO = pointsPerEuro(2);
    private static final long MARCH_10 = prague("2026-03-10T00:00");

    @TempDir
    Path directory;
    private ProcessorDriver engine;
    private long member;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, ONE_PER_EURO);
        engine.tick(prague("2026-03-01T08:00"));
        member = engine.enrol("CARD", 0, prague("2026-03-01T08:00")).resultMemberId;
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aChangeEffectiveLaterLeavesEarlierPurchasesAloneAndGovernsLaterOnes() {
        CommandSlot before = buy100Euro("2026-03-02T12:00");

        CommandSlot change = engine.changeProgram("program-march", TWO_PER_EURO, MARCH_10);
        CommandSlot atTheChange = buy100Euro("2026-03-10T00:00");
        CommandSlot after = buy100Euro("2026-03-15T12:00");

        assertEquals(ResultCode.OK, change.result);
        assertEquals(2, change.programVersion);
        assertEquals(100, before.pointsEarned);
        assertEquals(1, before.programVersion);
        assertEquals(200, atTheChange.pointsEarned, "in force from its first millisecond");
        assertEquals(2, atTheChange.programVersion);
        assertEquals(200, after.pointsEarned);
        assertEquals(500, engine.balance(member).available, "the earlier purchase kept its 100");
    }

    @Test
    void aLatePurchaseDatedBeforeAChangeEarnsUnderTheOldVersion() {
        engine.changeProgram("program-march", TWO_PER_EURO, MARCH_10);
        buy100Euro("2026-03-12T12:00");

        CommandSlot late = buy100Euro("2026-03-09T23:59:59.999");

        assertEquals(ResultCode.OK, late.result);
        assertEquals(100, late.pointsEarned);
        assertEquals(1, late.programVersion);
    }

    @Test
    void aChangeEffectiveBeforeTheLatestVersionIsRefusedAndChangesNothing() {
        engine.changeProgram("program-march", TWO_PER_EURO, MARCH_10);

        CommandSlot tooEarly = engine.changeProgram("program-backdated", pointsPerEuro(5), MARCH_10 - 1);

        assertEquals(ResultCode.PROGRAM_EFFECTIVE_TOO_EARLY, tooEarly.result);
        assertEquals(0, tooEarly.programVersion);
        assertEquals(2, engine.processor().programs().published().size());
        assertEquals(2, engine.state().programs().versions().size(), "nothing stored");
        assertEquals(200, buy100Euro("2026-03-11T12:00").pointsEarned, "version 2 still in force");
    }

    @Test
    void aChangeRetriedWithTheSameEventIdGetsTheSameVersionAndAddsNone() {
        CommandSlot first = engine.changeProgram("program-march", TWO_PER_EURO, MARCH_10);

        CommandSlot retry = engine.changeProgram("program-march", TWO_PER_EURO, MARCH_10);

        assertEquals(ResultCode.OK, retry.result);
        assertTrue(retry.retry);
        assertEquals(first.programVersion, retry.programVersion);
        assertEquals(first.sequence, retry.sequence, "the original's journal position");
        assertEquals(2, engine.processor().programs().published().size());
        assertEquals(2, engine.state().programs().versions().size());
        assertArrayEquals(TWO_PER_EURO.toByteArray(), engine.state().programs().versions().get(1).program());
    }

    private CommandSlot buy100Euro(String local) {
        return engine.purchase(member, CHANNEL_POS, prague(local)).line("groceries", null, 100_00).apply();
    }

    private static Program pointsPerEuro(long points) {
        return TestPrograms.baseOnly().setTimeZone("Europe/Prague").clearBaseEarn()
                .addBaseEarn(TestPrograms.rate("EUR", points, 100)).build();
    }
}
