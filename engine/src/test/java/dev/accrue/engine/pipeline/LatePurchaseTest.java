package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A purchase that reaches the engine long after it happened (a till that was offline, a backfill). */
class LatePurchaseTest {
    /** A point per euro; points expire at the end of the 30th day after they were earned. */
    private static final Program EXPIRING = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .setExpiry(ExpiryPolicy.newBuilder().setAfterDays(30).setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_DAY))
            .build();

    @TempDir
    Path directory;
    private ProcessorDriver engine;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, EXPIRING);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void pointsOfALatePurchaseThatHaveAlreadyExpiredAreNeverAvailable() {
        long member = engine.enrol("CARD", 0, prague("2026-01-01T08:00")).resultMemberId;
        engine.tick(prague("2026-03-01T12:00"));

        // Bought on 5 January: its points expired as 5 February ended.
        CommandSlot late = engine.purchase(member, CHANNEL_POS, prague("2026-01-05T10:00")).line("bread", null, 100_00).apply();

        assertEquals(ResultCode.OK, late.result);
        assertEquals(0, late.available, "expired before the purchase reached the engine");
        assertEquals(0, engine.balance(member).available);
    }
}
