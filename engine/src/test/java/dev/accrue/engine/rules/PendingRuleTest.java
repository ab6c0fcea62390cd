package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PendingRuleTest {
    private static final long NOON = Instant.parse("2026-03-20T12:00:00Z").toEpochMilli();

    private static EarnFixture fixture() {
        return new EarnFixture(Programs.minimal().setPending(PendingPolicy.newBuilder()
                .setEshop(ReturnWindow.newBuilder().setDays(14))
                .setPos(ReturnWindow.newBuilder().setHours(2)))).line("A", null, 1, 1_000);
    }

    @Test
    void eshopPointsStayPendingThroughTheFourteenDayReturnWindow() {
        EarnFixture f = fixture().at("2026-03-20T12:00:00Z");
        f.basket.channel = Channel.CHANNEL_ESHOP_VALUE;

        f.earn();

        assertEquals(Instant.parse("2026-04-03T12:00:00Z").toEpochMilli(), f.out.pendingUntilMillis(),
                "14 x 24 hours, though the clocks moved an hour on 29 March");
    }

    @Test
    void eachChannelHasItsOwnWindow() {
        PendingRule rule = fixture().program.pending();

        assertEquals(NOON + 2 * 3_600_000L, rule.pendingUntil(Channel.CHANNEL_POS_VALUE, NOON));
        assertEquals(NOON + 14 * 86_400_000L, rule.pendingUntil(Channel.CHANNEL_ESHOP_VALUE, NOON));
        assertEquals(NOON, rule.pendingUntil(Channel.CHANNEL_UNSPECIFIED_VALUE, NOON));
    }

    @Test
    void withoutAPendingPolicyPointsAreAvailableAtOnce() {
        EarnFixture f = new EarnFixture(Programs.minimal()).line("A", null, 1, 1_000).at("2026-03-20T12:00:00Z");
        f.basket.channel = Channel.CHANNEL_ESHOP_VALUE;

        f.earn();

        assertEquals(NOON, f.out.pendingUntilMillis());
    }
}
