package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.Movement;

import java.util.List;

/**
 * A page of a member's history, newest first, as the business-logic thread read it from the
 * movement log: plain values the reply stage turns into the API's messages.
 *
 * @param movements   the page
 * @param nextBefore  where the next (older) page starts, for the next request; 0 when this page reaches the first movement
 */
public record HistoryPage(List<Entry> movements, long nextBefore) {
    /**
     * One movement, with its reasons resolved to the program's rule ids; for TIER_CHANGED the
     * tiers, for EXPIRING_SOON the points expiring at expiresAtMillis (0 for other kinds).
     */
    public record Entry(Movement.Kind kind, long sequence, long occurredAtMillis, long points, long pendingPoints,
                        long pendingUntilMillis, long expiresAtMillis, String eventId, String relatedEventId,
                        long programVersion, List<RulePoints> byRule, int tierBefore, int tierAfter,
                        long expiringPoints) {
    }

    /** Points one rule gave (or a cap took) in an earning; per rule, summed over lines. */
    public record RulePoints(String ruleId, long points) {
    }
}
