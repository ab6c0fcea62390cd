package dev.accrue.engine.grpc;

import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.rules.ExpiryRule;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.state.MovementReader;
import dev.accrue.loyalty.v1.EventKind;
import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.RulePoints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A movement of the log as the {@link MemberEvent} the API sends: its kind mapped by
 * {@link EventKinds}, rule indexes resolved to the program's rule ids, a return's purchase to its
 * event id. For the event feed's thread: it reads program versions only as published.
 */
final class MovementEvents {
    private final ProgramVersions programs;
    private final Movement related = new Movement();

    MovementEvents(ProgramVersions programs) {
        this.programs = programs;
    }

    /**
     * @param sequence the event's sequence: where the next movement starts in the log, so that a
     *                 client resuming after it reads on from there
     * @param reader   to read a return's purchase, earlier in the log
     */
    MemberEvent of(Movement m, long sequence, MovementReader reader) {
        EventKind kind = EventKinds.of(m.kind);
        MemberEvent.Builder event = MemberEvent.newBuilder()
                .setSequence(sequence)
                .setKind(kind)
                .setMemberId(m.memberId)
                .setOccurredAt(Replies.timestamp(m.occurredAtMillis))
                .setPoints(m.points)
                .setEventId(m.eventId.toString())
                .setJournalSequence(m.sequence)
                .setAdmin(m.admin.toString())
                .setReason(m.reason.toString())
                .setOtherMemberId(m.otherMemberId)
                .setWallet(m.wallet.toString());
        switch (kind) {
            case EVENT_KIND_POINTS_CREDITED -> credited(m, event);
            case EVENT_KIND_POINTS_RETURNED -> {
                event.setExpiredBeforeReturn(m.pendingPoints);
                if (m.related != 0) {
                    reader.read(m.related - 1, related);
                    event.setPurchaseEventId(related.eventId.toString());
                }
            }
            case EVENT_KIND_TIER_CHANGED -> event.setTierBefore(m.tierBefore()).setTierAfter(m.tierAfter());
            case EVENT_KIND_POINTS_EXPIRING_SOON -> event.setExpiringPoints(m.expiringPoints())
                    .setExpiresAt(Replies.timestamp(m.expiresAtMillis));
            default -> {
                // the common fields say it all
            }
        }
        return event.build();
    }

    private void credited(Movement m, MemberEvent.Builder event) {
        event.setPendingPoints(m.pendingPoints).setProgramVersion(m.programVersion);
        if (m.pendingPoints > 0) {
            event.setPendingUntil(Replies.timestamp(m.pendingUntilMillis));
        }
        if (m.expiresAtMillis != ExpiryRule.NEVER) {
            event.setExpiresAt(Replies.timestamp(m.expiresAtMillis));
        }
        List<ProgramVersions.Version> versions = programs.published();
        if (m.programVersion < 1 || m.programVersion > versions.size()) {
            return;
        }
        CompiledProgram program = versions.get(m.programVersion - 1).program();
        Map<String, Long> byRule = new LinkedHashMap<>();
        for (int i = 0; i < m.entryCount; i++) {
            byRule.merge(program.entryRuleId(m.entryRule[i]), m.entryPoints[i], Long::sum);
        }
        byRule.forEach((rule, points) -> event.addEarnedByRule(RulePoints.newBuilder().setRuleId(rule).setPoints(points)));
    }
}
