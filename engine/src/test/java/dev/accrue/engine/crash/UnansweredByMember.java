package dev.accrue.engine.crash;

import java.util.HashMap;
import java.util.Map;

/**
 * Redemptions and returns sent and not yet answered, per member. The ledger judges the next
 * redemption by the points reserved here, and its holds judge by both whether a hold may be sent
 * (either could apply before the hold and leave too few points to hold). Not thread-safe on its own:
 * the {@link ExpectedLedger} owns it and calls it under its lock.
 */
final class UnansweredByMember {
    /** Points of unanswered redemptions per member, so the next ones ask for what is likely left. */
    private final Map<Long, Long> reserved = new HashMap<>();
    /** Unanswered returns per member. */
    private final Map<Long, Integer> returnsOut = new HashMap<>();

    void redemptionSent(long member, long points) {
        reserved.merge(member, points, Long::sum);
    }

    void redemptionAnswered(long member, long points) {
        reserved.merge(member, -points, Long::sum);
    }

    /** Points {@code member}'s unanswered redemptions ask for. */
    long reserved(long member) {
        return reserved.getOrDefault(member, 0L);
    }

    void returnSent(long member) {
        returnsOut.merge(member, 1, Integer::sum);
    }

    void returnAnswered(long member) {
        returnsOut.merge(member, -1, Integer::sum);
    }

    /** Whether {@code member} has a return unanswered. */
    boolean returning(long member) {
        return returnsOut.getOrDefault(member, 0) != 0;
    }

    /** Whether {@code member} has no redemption and no return unanswered. */
    boolean none(long member) {
        return reserved(member) == 0 && !returning(member);
    }
}
