package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.rules.ExpiredPoints;
import dev.accrue.engine.rules.PointHolds;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;

/**
 * Brings a member's record to the engine clock: pending points whose return window ended become
 * available, lots past their expiry expire (what expired is kept while a return could name it),
 * and tier reviews that fell due are held (each under
 * the program version in force when it fell due); then {@link MemberNotices} tells a tier change
 * and points about to expire. Run on every member a command touches, and on a few members per
 * clock tick so that idle members settle too. The result depends only on the record and the
 * journaled clock, so a replay settles identically. No allocation.
 */
final class MemberSettlement {
    private final ProgramVersions programs;
    private final MovementLog movements;
    private final EngineCounters counters;
    private final PointLots.Settlement lots = new PointLots.Settlement();
    private final Movement movement = new Movement();
    private final MemberNotices notices;
    private final long returnWindowMillis;

    /** @param returnWindowMillis how long after it was recorded a purchase stays returnable */
    MemberSettlement(ProgramVersions programs, MovementLog movements, EngineCounters counters, long returnWindowMillis) {
        this.programs = programs;
        this.returnWindowMillis = returnWindowMillis;
        this.movements = movements;
        this.counters = counters;
        this.notices = new MemberNotices(programs, movements, counters);
    }

    /**
     * Settles a member whose record is about to be written, and records in its history what
     * moved: one RELEASED and one EXPIRED movement at the engine time, when points did, then
     * what {@link MemberNotices} tells. Returns whether the record must be written.
     */
    boolean settleAndRecord(MemberRecord r, long memberId, long now, long sequence) {
        boolean changed = settle(r, now);
        if (lots.released != 0) {
            record(r, memberId, Movement.Kind.RELEASED, lots.released, now, sequence);
        }
        if (lots.expired != 0) {
            record(r, memberId, Movement.Kind.EXPIRED, -lots.expired, now, sequence);
        }
        return notices.record(r, memberId, now, now, sequence, "") | changed;
    }

    /**
     * After a command changed the member's points or tier (the record is about to be written):
     * records a tier change it brought, dated {@code occurredAt} and naming its event, and notices
     * of points its lot brings within the notice period.
     */
    void recordNotices(MemberRecord r, long memberId, long now, long occurredAt, long sequence, CharSequence eventId) {
        notices.record(r, memberId, now, occurredAt, sequence, eventId);
    }

    /** Records an EXPIRED movement of {@code points} at the engine time: a late purchase's points that expired as credited. */
    void recordExpired(MemberRecord r, long memberId, long points, long now, long sequence) {
        record(r, memberId, Movement.Kind.EXPIRED, -points, now, sequence);
    }

    private void record(MemberRecord r, long memberId, Movement.Kind kind, long points, long now, long sequence) {
        Movement m = movement.clear(kind);
        m.memberId = memberId;
        m.previous = r.latestMovement;
        m.sequence = sequence;
        m.occurredAtMillis = now;
        m.points = points;
        r.latestMovement = movements.append(m) + 1;
        counters.movementLogLength(movements.length());
    }

    /**
     * A time before which settling {@code r} (as written at engine time {@code now}) changes nothing,
     * so that the clock ticks' sweep may pass the member by unread: the earliest of its tier review,
     * the end of its tier floor, its lots' release and expiry, the notice of its next expiry not yet
     * noticed (under {@code noticeMillis}, the longest notice any program version gives), the end of
     * its expired points' return window, and its holds' expiry; {@link Long#MIN_VALUE} if a change of
     * tier is still to be told. Depends on the record and {@code now} alone. No allocation.
     */
    long quietUntil(MemberRecord r, long now, long noticeMillis) {
        boolean floorHolds = r.tierFloor != MemberRecord.NO_TIER_FLOOR && now < r.tierFloorUntilMillis;
        if (r.announcedTier != (floorHolds ? Math.max(r.tier, r.tierFloor) : r.tier)) {
            return Long.MIN_VALUE; // a tier change still to be told
        }
        long until = Long.MAX_VALUE;
        if (floorHolds) {
            until = r.tierFloorUntilMillis; // the tier told drops then
        }
        if (r.tierReviewAtMillis != 0) {
            until = Math.min(until, r.tierReviewAtMillis);
        }
        long nextUnnoticed = Long.MAX_VALUE;
        for (int i = 0; i < r.lotCount; i++) {
            long expiresAt = r.lotExpiresAt[i];
            until = Math.min(until, expiresAt);
            if (r.lotPendingUntil[i] != 0) {
                until = Math.min(until, r.lotPendingUntil[i]);
            }
            if (expiresAt > r.noticedExpiryMillis) {
                nextUnnoticed = Math.min(nextUnnoticed, expiresAt);
            }
        }
        if (noticeMillis > 0 && nextUnnoticed != Long.MAX_VALUE) {
            until = Math.min(until, nextUnnoticed < Long.MIN_VALUE + noticeMillis ? Long.MIN_VALUE : nextUnnoticed - noticeMillis);
        }
        for (int i = 0; i < r.expiredCount; i++) {
            long keepFrom = r.expiredKeepFrom[i];
            until = Math.min(until, keepFrom > Long.MAX_VALUE - returnWindowMillis ? Long.MAX_VALUE : keepFrom + returnWindowMillis);
        }
        for (int i = 0; i < r.holdCount; i++) {
            until = Math.min(until, r.holdExpiresAt[i]);
        }
        return until;
    }

    /** How long expired points are kept for a return to claim: a term of {@link #quietUntil}. */
    long returnWindowMillis() {
        return returnWindowMillis;
    }

    /**
     * Returns whether points moved or a review was held: the record must then be written back.
     * (Otherwise only its settled time advanced, which a later settlement repeats exactly.)
     */
    boolean settle(MemberRecord r, long now) {
        boolean changed = false;
        while (r.tierReviewAtMillis != 0 && r.tierReviewAtMillis <= now && !programs.isEmpty()) {
            TierProgress.review(r, programs.program(programs.indexAt(r.tierReviewAtMillis)), now);
            changed = true;
        }
        PointLots.settle(r, now, lots);
        changed |= ExpiredPoints.forgetBefore(r, now - returnWindowMillis);
        changed |= PointHolds.expire(r, now);
        return changed || lots.released != 0 || lots.expired != 0;
    }
}
