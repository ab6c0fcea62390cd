package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.rules.ExpiryRule;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MovementLog;

/**
 * What a member's history (and so the member events) tells besides points moving: a TIER_CHANGED
 * whenever the tier the member's balance reports differs from the one last told, and an
 * EXPIRING_SOON notice once per expiry time when points come within the program's notice period
 * of expiring. Each compares the record with what it last recorded ({@link MemberRecord#announcedTier},
 * {@link MemberRecord#noticedExpiryMillis}), so whichever command or settlement first sees a
 * change records it, once, in event time; a replay records the same. Run after every change that
 * may move a tier or add a lot: a purchase, a return, a tier floor, and every settlement (reviews,
 * a floor running out, the clock reaching a notice). No allocation.
 */
final class MemberNotices {
    private final ProgramVersions programs;
    private final MovementLog movements;
    private final EngineCounters counters;
    private final Movement movement = new Movement();

    MemberNotices(ProgramVersions programs, MovementLog movements, EngineCounters counters) {
        this.programs = programs;
        this.movements = movements;
        this.counters = counters;
    }

    /**
     * Records what changed for the member at engine time {@code now}, for the command of
     * {@code sequence} and {@code eventId} (empty for the engine's own settlement), which happened
     * at {@code occurredAt}. Returns whether anything was recorded: the record must then be written.
     */
    boolean record(MemberRecord r, long memberId, long now, long occurredAt, long sequence, CharSequence eventId) {
        boolean recorded = tier(r, memberId, now, occurredAt, sequence, eventId);
        return expiringSoon(r, memberId, now, sequence) | recorded;
    }

    private boolean tier(MemberRecord r, long memberId, long now, long occurredAt, long sequence, CharSequence eventId) {
        int tier = TierProgress.effectiveTier(r, now);
        if (tier == r.announcedTier) {
            return false;
        }
        movement.tierChange(r.announcedTier, tier).eventId.append(eventId);
        append(r, memberId, occurredAt, sequence);
        r.announcedTier = tier;
        return true;
    }

    /**
     * One notice per expiry time within the notice period after {@code now}, with the points that
     * expire then, oldest first. Expiry times at or before the last one noticed are not noticed
     * again: points a late purchase adds to an expiry already noticed (or to an earlier one, rare)
     * get no notice of their own.
     */
    private boolean expiringSoon(MemberRecord r, long memberId, long now, long sequence) {
        if (programs.isEmpty()) {
            return false;
        }
        long notice = programs.program(programs.indexAt(now)).expiry().noticeMillis();
        if (notice == 0 || r.lotCount == 0) {
            return false;
        }
        long horizon = now > ExpiryRule.NEVER - notice ? ExpiryRule.NEVER - 1 : now + notice;
        boolean recorded = false;
        int i = 0;
        while (i < r.lotCount && r.lotExpiresAt[i] <= horizon) {
            long expiresAt = r.lotExpiresAt[i];
            long points = 0;
            for (; i < r.lotCount && r.lotExpiresAt[i] == expiresAt; i++) {
                points += r.lotPoints[i];
            }
            if (expiresAt > r.noticedExpiryMillis && expiresAt > now) {
                movement.expiringSoon(points, expiresAt);
                append(r, memberId, now, sequence);
                r.noticedExpiryMillis = expiresAt;
                recorded = true;
            }
        }
        return recorded;
    }

    private void append(MemberRecord r, long memberId, long occurredAt, long sequence) {
        Movement m = movement;
        m.memberId = memberId;
        m.previous = r.latestMovement;
        m.sequence = sequence;
        m.occurredAtMillis = occurredAt;
        r.latestMovement = movements.append(m) + 1;
        counters.movementLogLength(movements.length());
    }
}
