package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;

/**
 * Brings a member's record to the engine clock: pending points whose return window ended become
 * available, lots past their expiry expire, and tier reviews that fell due are held (each under
 * the program version in force when it fell due). Run on every member a command touches, and on a
 * few members per clock tick so that idle members settle too. The result depends only on the
 * record and the journaled clock, so a replay settles identically. No allocation.
 */
final class MemberSettlement {
    private final ProgramVersions programs;
    private final PointLots.Settlement lots = new PointLots.Settlement();

    MemberSettlement(ProgramVersions programs) {
        this.programs = programs;
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
        return changed || lots.released != 0 || lots.expired != 0;
    }
}
