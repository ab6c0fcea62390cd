package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.Movement;

import java.util.List;

/**
 * A page of a member's history, newest first, as the business-logic thread read it from the
 * movement log: plain values the reply stage turns into the API's messages.
 *
 * @param movements the page
 * @param nextToken the token for the next (older) page; empty when this page reaches the first movement
 */
public record HistoryPage(List<Entry> movements, String nextToken) {
    /**
     * One movement, with its reasons resolved to the program's rule ids. {@code memberId} is the
     * member it was made for: another than the one asked about for a merged member's movements.
     * For TIER_CHANGED the tiers, for EXPIRING_SOON the points expiring at expiresAtMillis (0 for
     * other kinds).
     */
    public record Entry(Movement.Kind kind, long memberId, long sequence, long occurredAtMillis, long points,
                        long pendingPoints, long pendingUntilMillis, long expiresAtMillis, String eventId,
                        String relatedEventId, long programVersion, List<RulePoints> byRule, String admin,
                        String reason, long otherMemberId, String wallet, int tierBefore, int tierAfter,
                        long expiringPoints) {
    }

    /** Points one rule gave (or a cap took) in an earning; per rule, summed over lines. */
    public record RulePoints(String ruleId, long points) {
    }
}
