package dev.accrue.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The obvious implementation of what {@link RulesModelTest} checks the engine against: every
 * credit is kept as its own lot forever, and balances are sums over the lots at the time the
 * member was last brought up to (the later of the engine clock and their enrolment). Tier totals
 * are sums over every qualifying purchase whose month is in the window. Nothing is merged,
 * bucketed or cached, so nothing can drift.
 */
final class ReferenceLoyalty {
    /** A credit: its points, when it stops being pending (0: never pending), when it expires. */
    record Lot(long points, long pendingUntil, long expiresAt) {
    }

    /** Base points a purchase made at a time: what tiers count. */
    record Qualifying(long at, long points) {
    }

    record Version(long effectiveFrom, ModelProgram program) {
    }

    /** What a purchase earned, by rule id (zero entries left out, as on the engine's receipts). */
    record Receipt(long points, Map<String, Long> byRule, int version) {
    }

    static final class Member {
        final long enrolledAt;
        final List<Lot> lots = new ArrayList<>();
        final List<Qualifying> qualifying = new ArrayList<>();
        long lifetimeEarned;
        int tier;
        long reviewAt;

        Member(long enrolledAt) {
            this.enrolledAt = enrolledAt;
        }
    }

    /** A line: its category (null for none) and amount in cents. */
    record Line(String category, long amountMinor) {
    }

    private final List<Version> versions = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private long clock;

    ReferenceLoyalty(ModelProgram first) {
        versions.add(new Version(0, first));
    }

    long clock() {
        return clock;
    }

    int memberCount() {
        return members.size();
    }

    /** Members by id, from 1. */
    Member member(long id) {
        return members.get((int) id - 1);
    }

    ModelProgram latestProgram() {
        return versions.get(versions.size() - 1).program();
    }

    long latestEffectiveFrom() {
        return versions.get(versions.size() - 1).effectiveFrom();
    }

    /** The 0-based index of the version in force at a time: the last effective by then, else the first. */
    int versionAt(long at) {
        int index = 0;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).effectiveFrom() <= at) {
                index = i;
            }
        }
        return index;
    }

    long enrol(long at) {
        members.add(new Member(at));
        return members.size();
    }

    int changeProgram(long effectiveFrom, ModelProgram program) {
        versions.add(new Version(effectiveFrom, program));
        return versions.size();
    }

    void tick(long at) {
        clock = Math.max(clock, at);
        for (Member m : members) {
            review(m);
        }
    }

    /** A purchase: the member's tier as it stands, the rules of the version in force when it happened. */
    Receipt purchase(long memberId, long at, boolean eshop, List<Line> lines) {
        Member m = member(memberId);
        review(m);
        int version = versionAt(at);
        ModelProgram p = versions.get(version).program();
        int tier = p.clamp(m.tier);
        long base = 0;
        long tierExtra = 0;
        long categoryExtra = 0;
        for (Line line : lines) {
            if (line.category() != null && p.excluded().contains(line.category())) {
                continue;
            }
            long lineBase = p.base(line.amountMinor());
            base += lineBase;
            tierExtra += ModelProgram.extra(lineBase, p.tierMultiplierBp()[tier]);
            if (p.multipliedCategory().equals(line.category())) {
                categoryExtra += ModelProgram.extra(lineBase, p.categoryMultiplierBp());
            }
        }
        Map<String, Long> byRule = new LinkedHashMap<>();
        putIfEarned(byRule, "base", base);
        putIfEarned(byRule, "tier", tierExtra);
        putIfEarned(byRule, p.categoryRuleId(), categoryExtra);
        long points = base + tierExtra + categoryExtra;
        if (points > 0) {
            long window = p.pendingMillis(eshop);
            m.lots.add(new Lot(points, window == 0 ? 0 : at + window, p.expiresAt(at)));
        }
        m.lifetimeEarned += points;
        if (base != 0) {
            m.qualifying.add(new Qualifying(at, base));
            int reached = Math.max(tier, p.tierFor(windowTotal(m, p, at)));
            if (reached > tier) {
                m.tier = reached;
                m.reviewAt = p.periodEnd(at);
            }
        }
        return new Receipt(points, byRule, version + 1);
    }

    /** Brings the member's tier to the clock: each review due, by the version in force when it fell due. */
    void review(Member m) {
        while (m.reviewAt != 0 && m.reviewAt <= clock) {
            ModelProgram p = versions.get(versionAt(m.reviewAt)).program();
            long total = windowTotal(m, p, m.reviewAt - 1);
            m.tier = Math.max(p.tierFor(total), Math.max(0, p.clamp(m.tier) - p.softLanding()));
            m.reviewAt = m.tier > 0 ? p.periodEnd(m.reviewAt) : 0;
        }
    }

    private static long windowTotal(Member m, ModelProgram p, long at) {
        long total = 0;
        for (Qualifying q : m.qualifying) {
            if (p.inWindow(q.at(), at)) {
                total += q.points();
            }
        }
        return total;
    }

    /** Releases, expiries, reviews and version changes in (after, upTo]: the instants worth a tick. */
    List<Long> instantsBetween(long after, long upTo) {
        List<Long> instants = new ArrayList<>();
        for (Version v : versions) {
            addIfBetween(instants, v.effectiveFrom(), after, upTo);
        }
        for (Member m : members) {
            addIfBetween(instants, m.reviewAt, after, upTo);
            for (Lot l : m.lots) {
                addIfBetween(instants, l.pendingUntil(), after, upTo);
                addIfBetween(instants, l.expiresAt(), after, upTo);
            }
        }
        return instants;
    }

    private static void addIfBetween(List<Long> instants, long instant, long after, long upTo) {
        if (instant > after && instant <= upTo) {
            instants.add(instant);
        }
    }

    /** The time the member's balances are as of: the engine clock, or their enrolment if later. */
    long asOf(Member m) {
        return Math.max(clock, m.enrolledAt);
    }

    long available(Member m) {
        long t = asOf(m);
        return m.lots.stream().filter(l -> l.expiresAt() > t && l.pendingUntil() <= t).mapToLong(Lot::points).sum();
    }

    long pending(Member m) {
        long t = asOf(m);
        return m.lots.stream().filter(l -> l.expiresAt() > t && l.pendingUntil() > t).mapToLong(Lot::points).sum();
    }

    long lifetimeExpired(Member m) {
        long t = asOf(m);
        return m.lots.stream().filter(l -> l.expiresAt() <= t).mapToLong(Lot::points).sum();
    }

    /** Points not yet expired that expire before {@code before}, pending or not. */
    long expiringBefore(Member m, long before) {
        long t = asOf(m);
        return m.lots.stream().filter(l -> l.expiresAt() > t && l.expiresAt() < before).mapToLong(Lot::points).sum();
    }

    /**
     * The lots as the engine should hold them: not expired, grouped by (expiresAt, pendingUntil
     * or 0 once released), in that order, as "expiresAt/pendingUntil=points".
     */
    List<String> lots(Member m) {
        long t = asOf(m);
        TreeMap<List<Long>, Long> grouped = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
        for (Lot l : m.lots) {
            if (l.expiresAt() > t) {
                grouped.merge(List.of(l.expiresAt(), l.pendingUntil() <= t ? 0 : l.pendingUntil()), l.points(), Long::sum);
            }
        }
        List<String> lots = new ArrayList<>();
        grouped.forEach((key, points) -> lots.add(lot(key.get(0), key.get(1), points)));
        return lots;
    }

    /** A lot as failure messages show it: "expires/pendingUntil=points" in Prague local time, 0 once released. */
    static String lot(long expiresAt, long pendingUntil, long points) {
        return ModelProgram.local(expiresAt) + "/" + (pendingUntil == 0 ? "0" : ModelProgram.local(pendingUntil)) + "=" + points;
    }

    private static void putIfEarned(Map<String, Long> byRule, String rule, long points) {
        if (points > 0) {
            byRule.put(rule, points);
        }
    }
}
