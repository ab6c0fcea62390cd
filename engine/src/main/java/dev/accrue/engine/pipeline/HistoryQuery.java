package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.Hash64;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.state.MovementLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a page of a member's history by following the links from the member's newest movement.
 * A member that absorbed others in merges has one branch per merged member: a MERGED movement
 * starts the merged member's own chain. Offsets grow with time, so the page is the newest of all
 * branches' heads, one at a time. The page token holds the heads still to read, bound to the
 * member by a hash so that a token cannot read another member's history.
 * A query: it allocates its answer (the purchase path does not come here).
 */
final class HistoryQuery {
    static final int MAX_PAGE_SIZE = 100;
    /** Returned by {@link #page} for a token this engine did not give for this member. */
    static final HistoryPage BAD_TOKEN = new HistoryPage(List.of(), "");

    private final MovementLog movements;
    private final ProgramVersions programs;
    private final Movement movement = new Movement();
    private final Movement related = new Movement();

    HistoryQuery(MovementLog movements, ProgramVersions programs) {
        this.movements = movements;
        this.programs = programs;
    }

    /** The page of up to {@code size} movements from {@code token} (empty: from the newest), or {@link #BAD_TOKEN}. */
    HistoryPage page(long memberId, long latestMovement, String token, int size) {
        List<Long> heads = token.isEmpty() ? new ArrayList<>() : parse(memberId, token);
        if (heads == null) {
            return BAD_TOKEN;
        }
        if (token.isEmpty() && latestMovement != 0) {
            heads.add(latestMovement);
        }
        List<HistoryPage.Entry> entries = new ArrayList<>();
        while (!heads.isEmpty() && entries.size() < size) {
            int newest = 0;
            for (int i = 1; i < heads.size(); i++) {
                if (heads.get(i) > heads.get(newest)) {
                    newest = i;
                }
            }
            movements.read(heads.get(newest) - 1, movement);
            entries.add(entry(movement));
            if (movement.previous != 0) {
                heads.set(newest, movement.previous);
            } else {
                heads.remove(newest);
            }
            if (movement.kind == Movement.Kind.MERGED && movement.related != 0) {
                heads.add(movement.related);
            }
        }
        return new HistoryPage(entries, heads.isEmpty() ? "" : token(memberId, heads));
    }

    /** Heads in base 36, joined by '.', and a check binding them to the member. */
    private static String token(long memberId, List<Long> heads) {
        StringBuilder token = new StringBuilder();
        for (long head : heads) {
            token.append(Long.toString(head, 36)).append('.');
        }
        return token.append(Long.toString(check(memberId, heads) >>> 1, 36)).toString();
    }

    private static List<Long> parse(long memberId, String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length < 2 || parts.length > 2 + dev.accrue.engine.domain.MemberRecord.MAX_MERGES) {
            return null;
        }
        try {
            List<Long> heads = new ArrayList<>();
            for (int i = 0; i < parts.length - 1; i++) {
                long head = Long.parseLong(parts[i], 36);
                if (head <= 0) {
                    return null;
                }
                heads.add(head);
            }
            return Long.parseLong(parts[parts.length - 1], 36) == check(memberId, heads) >>> 1 ? heads : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long check(long memberId, List<Long> heads) {
        long h = Hash64.mix(Hash64.EMPTY, memberId);
        for (long head : heads) {
            h = Hash64.mix(h, head);
        }
        return Hash64.finish(h);
    }

    private HistoryPage.Entry entry(Movement m) {
        List<HistoryPage.RulePoints> byRule = List.of();
        String relatedEventId = "";
        if ((m.kind == Movement.Kind.EARNED || m.kind == Movement.Kind.RETURNED) && m.programVersion > 0) {
            CompiledProgram program = programs.program(m.programVersion - 1);
            Map<String, Long> sums = new LinkedHashMap<>();
            for (int i = 0; i < m.entryCount; i++) {
                sums.merge(program.entryRuleId(m.entryRule[i]), m.entryPoints[i], Long::sum);
            }
            byRule = new ArrayList<>();
            for (Map.Entry<String, Long> sum : sums.entrySet()) {
                byRule.add(new HistoryPage.RulePoints(sum.getKey(), sum.getValue()));
            }
        }
        if (m.kind == Movement.Kind.RETURNED && m.related != 0) {
            movements.read(m.related - 1, related);
            relatedEventId = related.eventId.toString();
        }
        boolean tier = m.kind == Movement.Kind.TIER_CHANGED;
        boolean notice = m.kind == Movement.Kind.EXPIRING_SOON;
        return new HistoryPage.Entry(m.kind, m.memberId, m.sequence, m.occurredAtMillis, m.points,
                notice ? 0 : m.pendingPoints, m.pendingUntilMillis, m.expiresAtMillis, m.eventId.toString(),
                relatedEventId, m.programVersion, byRule, m.admin.toString(), m.reason.toString(), m.otherMemberId,
                m.wallet.toString(), tier ? m.tierBefore() : 0, tier ? m.tierAfter() : 0,
                notice ? m.expiringPoints() : 0);
    }
}
