package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;

/**
 * How long points stay pending after a purchase, per channel: the channel's return window, in
 * elapsed time (a day is 24 hours, whatever the clocks do, so a window never shrinks at a
 * daylight-saving change).
 */
public final class PendingRule {
    private final long posMillis;
    private final long eshopMillis;

    PendingRule(PendingPolicy policy) {
        this.posMillis = millis(policy.getPos());
        this.eshopMillis = millis(policy.getEshop());
    }

    /** The window in millis for a channel (its proto number); 0 for an unknown channel. */
    public long windowMillis(int channel) {
        if (channel == Channel.CHANNEL_POS_VALUE) {
            return posMillis;
        }
        return channel == Channel.CHANNEL_ESHOP_VALUE ? eshopMillis : 0;
    }

    /** When points earned at {@code occurredAtMillis} on the channel become available. */
    public long pendingUntil(int channel, long occurredAtMillis) {
        return occurredAtMillis + windowMillis(channel);
    }

    private static long millis(ReturnWindow window) {
        return window.getDays() * CivilCalendar.MILLIS_PER_DAY + window.getHours() * CivilCalendar.MILLIS_PER_HOUR;
    }
}
