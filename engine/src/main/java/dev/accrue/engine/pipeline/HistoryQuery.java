package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.RuleTable;
import dev.accrue.engine.state.MovementLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a page of a member's history by following the links from the member's newest movement.
 * A query: it allocates its answer (the purchase path does not come here).
 */
final class HistoryQuery {
    static final int MAX_PAGE_SIZE = 100;

    private final MovementLog movements;
    private final ProgramVersions programs;
    private final Movement movement = new Movement();
    private final Movement related = new Movement();

    HistoryQuery(MovementLog movements, ProgramVersions programs) {
        this.movements = movements;
        this.programs = programs;
    }

    /** The page of up to {@code size} movements older than {@code before} (offset + 1; 0: from the newest). */
    HistoryPage page(MemberRecord r, long before, int size) {
        long next = before == 0 ? r.latestMovement : before;
        if (before != 0) {
            movements.read(before - 1, movement);
            next = movement.previous;
        }
        List<HistoryPage.Entry> entries = new ArrayList<>();
        long start = next;
        while (next != 0 && entries.size() < size) {
            start = next;
            movements.read(next - 1, movement);
            entries.add(entry(movement));
            next = movement.previous;
        }
        return new HistoryPage(entries, next == 0 ? 0 : start);
    }

    private HistoryPage.Entry entry(Movement m) {
        List<HistoryPage.RulePoints> byRule = List.of();
        String relatedEventId = "";
        if (m.kind == Movement.Kind.EARNED && m.programVersion > 0) {
            RuleTable rules = programs.program(m.programVersion - 1).rules();
            Map<String, Long> sums = new LinkedHashMap<>();
            for (int i = 0; i < m.entryCount; i++) {
                sums.merge(rules.id(m.entryRule[i]), m.entryPoints[i], Long::sum);
            }
            byRule = new ArrayList<>();
            for (Map.Entry<String, Long> sum : sums.entrySet()) {
                byRule.add(new HistoryPage.RulePoints(sum.getKey(), sum.getValue()));
            }
        } else if (m.kind == Movement.Kind.RETURNED && m.related != 0) {
            movements.read(m.related - 1, related);
            relatedEventId = related.eventId.toString();
        }
        boolean tier = m.kind == Movement.Kind.TIER_CHANGED;
        boolean notice = m.kind == Movement.Kind.EXPIRING_SOON;
        return new HistoryPage.Entry(m.kind, m.sequence, m.occurredAtMillis, m.points, notice ? 0 : m.pendingPoints,
                m.pendingUntilMillis, m.expiresAtMillis, m.eventId.toString(), relatedEventId, m.programVersion, byRule,
                tier ? m.tierBefore() : 0, tier ? m.tierAfter() : 0, notice ? m.expiringPoints() : 0);
    }
}
