package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ReturnWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clock ticks settle members no command touches: what is stored moves with the engine clock. */
class ClockTickSettlementTest {
    /** A point per euro; e-shop points pending 14 days; points expire at the end of the 30th day after. */
    static final Program PENDING_AND_EXPIRING = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14)))
            .setExpiry(ExpiryPolicy.newBuilder().setAfterDays(30).setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_DAY))
            .build();
    static final long BOUGHT_AT = prague("2026-01-05T10:00");
    static final long RELEASED_AT = prague("2026-01-19T10:00");
    static final long EXPIRES_AT = prague("2026-02-05T00:00");

    @TempDir
    Path directory;
    private ProcessorDriver engine;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, PENDING_AND_EXPIRING);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void ticksReleaseAndExpireThePointsOfIdleMembers() {
        long online = engine.enrol("ONLINE", 0, BOUGHT_AT).resultMemberId;
        long inStore = engine.enrol("IN-STORE", 0, BOUGHT_AT).resultMemberId;
        long onlinePurchase = engine.purchase(online, CHANNEL_ESHOP, BOUGHT_AT).line("lamp", null, 100_00).apply().sequence;
        engine.purchase(inStore, CHANNEL_POS, BOUGHT_AT).line("bread", null, 50_00).apply();

        engine.tick(RELEASED_AT);
        MemberRecord released = engine.stored(online);
        assertEquals(0, released.pending);
        assertEquals(100, released.available);
        assertEquals(onlinePurchase, released.lastSequence, "no command touched the member");

        engine.tick(EXPIRES_AT - 1);
        assertEquals(100, engine.stored(online).available);
        engine.tick(EXPIRES_AT);
        MemberRecord expired = engine.stored(online);
        assertEquals(0, expired.available);
        assertEquals(100, expired.lifetimeExpired);
        assertEquals(0, expired.lotCount);
        assertEquals(50, engine.stored(inStore).lifetimeExpired);
    }

    @Test
    void membersBeyondOneTicksShareAreSettledByTheFollowingTicks() {
        int members = 150;
        for (int i = 0; i < members; i++) {
            long id = engine.enrol("CARD-" + i, 0, BOUGHT_AT).resultMemberId;
            engine.purchase(id, CHANNEL_ESHOP, BOUGHT_AT).line("lamp", null, 10_00).apply();
        }

        engine.tick(RELEASED_AT);
        engine.tick(RELEASED_AT + 1_000);
        engine.tick(RELEASED_AT + 2_000);

        for (long id = 1; id <= members; id++) {
            assertEquals(10, engine.stored(id).available, "member " + id);
        }
    }
}
