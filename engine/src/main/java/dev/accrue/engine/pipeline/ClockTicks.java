package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.AppliedEventStore;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.PurchaseIndex;

/**
 * A CLOCK_TICK: advances the engine clock (the only clock the rules see) and does the engine's
 * own work in event time, a slice at a time: forgetting event ids and returnable purchases past
 * their retention, and settling a few members so that idle members' points release, expire and
 * get reviewed. No allocation.
 */
final class ClockTicks {
    /** Members settled per clock tick beyond one per 4,096 members. */
    private static final int MEMBERS_SETTLED_PER_TICK = 64;

    private final EngineCounters counters;
    private final AppliedEventStore appliedEvents;
    private final PurchaseIndex purchases;
    private final MemberStore members;
    private final MemberSettlement settlement;
    private final ProgramVersions programs;
    private final long eventIdRetentionMillis;
    private final long purchaseRetentionMillis;
    private final MemberRecord record = new MemberRecord();

    ClockTicks(EngineCounters counters, AppliedEventStore appliedEvents, PurchaseIndex purchases, MemberStore members,
               MemberSettlement settlement, ProgramVersions programs, long eventIdRetentionMillis,
               long purchaseRetentionMillis) {
        this.counters = counters;
        this.appliedEvents = appliedEvents;
        this.purchases = purchases;
        this.members = members;
        this.settlement = settlement;
        this.programs = programs;
        this.eventIdRetentionMillis = eventIdRetentionMillis;
        this.purchaseRetentionMillis = purchaseRetentionMillis;
    }

    /** Advances the engine clock and sweeps one slice of the applied-event table for expiry. */
    void tick(CommandSlot slot) {
        long now = Math.max(counters.clockMillis(), slot.occurredAtMillis);
        counters.clockMillis(now);
        long cursor = counters.sweepCursor();
        appliedEvents.forgetSliceBefore((int) (cursor % appliedEvents.slices()), now - eventIdRetentionMillis);
        counters.sweepCursor(cursor + 1);
        purchases.forgetSliceBefore((int) (cursor % purchases.slices()), now - purchaseRetentionMillis);
        settleSomeMembers(now);
        slot.result = ResultCode.OK;
    }

    /**
     * Settles the next few members in id order, so that every member's pending points, expiries
     * and tier reviews happen within hours of their time even if the member is never touched.
     * Passes unread the members quiet past the clock ({@link MemberStore#quietUntil(long)}):
     * settling them would change nothing, so the state is the same either way.
     */
    private void settleSomeMembers(long now) {
        long count = counters.memberCount();
        if (count == 0 || programs.isEmpty()) {
            return;
        }
        long notice = programs.longestNoticeMillis();
        // Times worked out under a shorter notice (before a program version lengthened it) are too late.
        members.quietTerms(settlement.returnWindowMillis(), notice);
        long next = counters.memberSweepCursor();
        for (long n = Math.min(count, MEMBERS_SETTLED_PER_TICK + count / 4096); n > 0; n--) {
            long memberId = next % count + 1;
            next = memberId;
            if (now < members.quietUntil(memberId)) {
                continue;
            }
            if (!members.read(memberId, record)) {
                members.quietUntil(memberId, Long.MAX_VALUE); // its enrolment's write replaces this
                continue;
            }
            if (settlement.settleAndRecord(record, memberId, now, counters.lastSequence())) {
                members.write(memberId, record); // which keeps the member's new time
            } else {
                members.quietUntil(memberId, settlement.quietUntil(record, now, notice));
            }
        }
        counters.memberSweepCursor(next);
    }
}
