package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;
import static dev.accrue.engine.pipeline.ModelProgram.HOUR;
import static dev.accrue.engine.pipeline.ModelProgram.local;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random journeys through the real processor, checked after every step against
 * {@link ReferenceLoyalty}: purchases by random members on both channels (multiplied, excluded and
 * plain categories, now and then arriving days late), clock ticks, enrolments, balance queries and
 * program changes between three programs with different rates, tiers, windows, pending and expiry.
 * Every member's available, pending, lifetime earned and expired points, tier and lots must match.
 *
 * <p>Prints its seed; {@code -Daccrue.rules.seed=N} replays a run, {@code -Daccrue.rules.steps=N}
 * sets its length.
 */
class RulesModelTest {
    private static final int STEPS = Integer.getInteger("accrue.rules.steps", 6_000);
    /** Fewer than a tick settles (64), so every tick brings every stored member to the clock, as the model does. */
    private static final int MAX_MEMBERS = 16;
    private static final String[] CATEGORIES = {"fresh", "wine", "gift-cards", "tobacco", "home", null};

    /** A point per euro; tiers at 600 and 2,500 over 12 months; fresh 2x; e-shop 14 days pending; 12 months to end of month. */
    private static final ModelProgram CLASSIC = new ModelProgram("classic", 1, 100,
            new long[] {0, 600, 2_500}, new int[] {10_000, 12_500, 15_000}, 12, 1,
            "fresh-x2", "fresh", 20_000, Set.of("gift-cards"), 0, 14 * DAY, 12, 0);
    /** 3 points per 2 euro; tiers at 900 and 3,000 over 6 months dropping up to 2; wine 1.5x; both channels pending; 120 days. */
    private static final ModelProgram GENEROUS = new ModelProgram("generous", 3, 200,
            new long[] {0, 900, 3_000}, new int[] {10_000, 11_000, 20_000}, 6, 2,
            "wine-x1.5", "wine", 15_000, Set.of("gift-cards", "tobacco"), DAY + 12 * HOUR, 7 * DAY, 0, 120);
    /** A point per euro; tiers at 400 and 1,500 over the calendar year; fresh 3x; gift cards earn; nothing pending or expiring. */
    private static final ModelProgram SIMPLE = new ModelProgram("simple", 1, 100,
            new long[] {0, 400, 1_500}, new int[] {10_000, 13_000, 17_500}, 0, 1,
            "fresh-x3", "fresh", 30_000, Set.of("tobacco"), 0, 0, 0, 0);
    private static final ModelProgram[] PROGRAMS = {CLASSIC, GENEROUS, SIMPLE};

    @TempDir
    Path directory;

    private Random random;
    private ProcessorDriver engine;
    private ReferenceLoyalty model;
    private long now = ProcessorDriver.prague("2026-01-01T08:00");
    private final Deque<String> recentSteps = new ArrayDeque<>();
    private long seed;
    private int latePurchases;
    private int tierRises;
    private int tierFalls;

    @Test
    void theProcessorAgreesWithTheReferenceModelOverRandomJourneys() {
        seed = Long.getLong("accrue.rules.seed", new Random().nextLong());
        System.out.println("RulesModelTest seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + ")");
        random = new Random(seed);
        model = new ReferenceLoyalty(CLASSIC);
        try (ProcessorDriver driver = new ProcessorDriver(directory, CLASSIC.toProgram())) {
            engine = driver;
            for (int step = 0; step < STEPS; step++) {
                int[] tiers = tiers();
                step(step);
                countTierChanges(tiers);
                compareEveryMember(step);
            }
        }
        System.out.printf("%d steps to %s: %d members, %d program versions, %d late purchases, %d tier rises, %d falls, %d points expired%n",
                STEPS, ModelProgram.localDate(now), model.memberCount(), model.versionAt(Long.MAX_VALUE) + 1, latePurchases,
                tierRises, tierFalls, totalExpired());
    }

    private void step(int step) {
        now += random.nextInt(50) == 0 ? DAY * (5 + random.nextInt(40)) : random.nextInt(6 * 60) * 60_000L;
        int roll = random.nextInt(100);
        if (model.memberCount() < 3 || roll < 4 && model.memberCount() < MAX_MEMBERS) {
            enrol(step);
        } else if (roll < 60) {
            purchase(step);
        } else if (roll < 82) {
            tick(step);
        } else if (roll < 84) {
            changeProgram(step);
        } else {
            balance(step);
        }
    }

    private void enrol(int step) {
        CommandSlot slot = engine.enrol("CARD-" + step, 0, now);
        long id = model.enrol(now);
        log(step, "enrol member " + id + " at " + local(now));
        check(step, slot.result == ResultCode.OK && slot.resultMemberId == id, "enrolment gave " + slot.result + " " + slot.resultMemberId);
    }

    private void purchase(int step) {
        // Busy members and quiet ones: low ids shop far more often.
        double skew = random.nextDouble();
        long member = 1 + (long) (skew * skew * model.memberCount());
        long at = random.nextInt(8) == 0 ? now - 60_000L * (1 + random.nextInt(5 * 24 * 60)) : now;
        if (random.nextInt(10) == 0) {
            at = edgeNear(now - 5 * DAY, at);
        }
        latePurchases += at < now ? 1 : 0;
        boolean eshop = random.nextBoolean();
        List<ReferenceLoyalty.Line> lines = new ArrayList<>();
        ProcessorDriver.Purchase purchase = engine.purchase(member, eshop ? Channel.CHANNEL_ESHOP : Channel.CHANNEL_POS, at);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            long amount = 1 + random.nextInt(random.nextInt(4) == 0 ? 50_000 : 15_000);
            lines.add(new ReferenceLoyalty.Line(category, amount));
            purchase.line("sku-" + i, category, amount);
        }
        log(step, "purchase member " + member + " at " + local(at) + (eshop ? " eshop " : " pos ") + lines);
        CommandSlot slot = purchase.apply();
        ReferenceLoyalty.Receipt expected = model.purchase(member, at, eshop, lines);
        check(step, slot.result == ResultCode.OK, "purchase refused: " + slot.result);
        check(step, slot.pointsEarned == expected.points() && ProcessorDriver.earnedByRule(slot).equals(expected.byRule())
                        && slot.programVersion == expected.version(),
                "receipt: expected " + expected + ", engine " + slot.pointsEarned + " " + ProcessorDriver.earnedByRule(slot)
                        + " version " + slot.programVersion);
        compareReply(step, slot, member);
    }

    /** A tick now, or, as often, exactly at (or 1 ms before) a release, expiry, review or version change due by now. */
    private void tick(int step) {
        long at = now;
        List<Long> due = model.instantsBetween(model.clock(), now);
        if (!due.isEmpty() && random.nextBoolean()) {
            at = due.get(random.nextInt(due.size())) - random.nextInt(2);
        }
        log(step, "tick at " + local(at));
        engine.tick(at);
        model.tick(at);
    }

    /**
     * An instant on an edge in [from, otherwise]: a version's start, or the local midnight starting
     * the day or the month, exactly or 1 ms before; {@code otherwise} if none is in range.
     */
    private long edgeNear(long from, long otherwise) {
        LocalDate day = ModelProgram.localDate(otherwise);
        List<Long> edges = new ArrayList<>(model.instantsBetween(from, otherwise));
        edges.add(ModelProgram.startOf(day));
        edges.add(ModelProgram.startOf(day.withDayOfMonth(1)));
        long edge = edges.get(random.nextInt(edges.size())) - random.nextInt(2);
        return edge >= from && edge <= otherwise ? edge : otherwise;
    }

    private void changeProgram(int step) {
        ModelProgram next = PROGRAMS[random.nextInt(PROGRAMS.length)];
        while (next == model.latestProgram()) {
            next = PROGRAMS[random.nextInt(PROGRAMS.length)];
        }
        long effective = Math.max(model.latestEffectiveFrom(), now + (random.nextBoolean() ? 0 : random.nextInt(10 * 24) * HOUR));
        log(step, "program " + next.name() + " from " + local(effective));
        CommandSlot slot = engine.changeProgram("program-" + step, next.toProgram(), effective);
        int version = model.changeProgram(effective, next);
        check(step, slot.result == ResultCode.OK && slot.programVersion == version,
                "program change gave " + slot.result + " version " + slot.programVersion + ", expected " + version);
    }

    private void balance(int step) {
        long member = 1 + random.nextInt(model.memberCount());
        long expiringBefore = now + random.nextInt(500) * DAY;
        log(step, "balance of member " + member + " expiring before " + local(expiringBefore));
        CommandSlot slot = engine.balance(member, expiringBefore);
        ReferenceLoyalty.Member m = model.member(member);
        model.review(m);
        check(step, slot.result == ResultCode.OK, "balance refused: " + slot.result);
        compareReply(step, slot, member);
        long expiring = model.expiringBefore(m, expiringBefore);
        check(step, slot.expiringPoints == expiring, "expiring points: expected " + expiring + ", engine " + slot.expiringPoints);
    }

    private void compareReply(int step, CommandSlot slot, long member) {
        ReferenceLoyalty.Member m = model.member(member);
        String expected = describe(model.available(m), model.pending(m), m.lifetimeEarned, model.lifetimeExpired(m), m.tier);
        String actual = describe(slot.available, slot.pending, slot.lifetimeEarned, slot.lifetimeExpired, slot.tier);
        check(step, expected.equals(actual), "reply for member " + member + ": expected " + expected + ", engine " + actual);
    }

    private void compareEveryMember(int step) {
        MemberRecord stored = new MemberRecord();
        for (long id = 1; id <= model.memberCount(); id++) {
            check(step, engine.state().members().read(id, stored), "member " + id + " is not stored");
            ReferenceLoyalty.Member m = model.member(id);
            String expected = describe(model.available(m), model.pending(m), m.lifetimeEarned, model.lifetimeExpired(m), m.tier)
                    + " lots " + model.lots(m);
            String actual = describe(stored.available, stored.pending, stored.lifetimeEarned, stored.lifetimeExpired, stored.tier)
                    + " lots " + lots(stored);
            check(step, expected.equals(actual), "stored member " + id + ":\n  expected " + expected + "\n  engine   " + actual);
        }
    }

    private int[] tiers() {
        int[] tiers = new int[model.memberCount()];
        for (int i = 0; i < tiers.length; i++) {
            tiers[i] = model.member(i + 1).tier;
        }
        return tiers;
    }

    private void countTierChanges(int[] before) {
        for (int i = 0; i < before.length; i++) {
            int after = model.member(i + 1).tier;
            tierRises += after > before[i] ? 1 : 0;
            tierFalls += after < before[i] ? 1 : 0;
        }
    }

    private long totalExpired() {
        long expired = 0;
        for (long id = 1; id <= model.memberCount(); id++) {
            expired += model.lifetimeExpired(model.member(id));
        }
        return expired;
    }

    private static String describe(long available, long pending, long earned, long expired, int tier) {
        return "available " + available + ", pending " + pending + ", earned " + earned + ", expired " + expired + ", tier " + tier;
    }

    private static List<String> lots(MemberRecord r) {
        List<String> lots = new ArrayList<>();
        for (int i = 0; i < r.lotCount; i++) {
            lots.add(ReferenceLoyalty.lot(r.lotExpiresAt[i], r.lotPendingUntil[i], r.lotPoints[i]));
        }
        return lots;
    }

    private void log(int step, String what) {
        if (recentSteps.size() == 12) {
            recentSteps.removeFirst();
        }
        recentSteps.addLast(step + ": " + what + " (clock " + local(model.clock()) + ")");
    }

    private void check(int step, boolean agrees, String what) {
        if (!agrees) {
            fail("seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + "), step " + step + ": " + what
                    + "\nrecent steps:\n  " + String.join("\n  ", recentSteps));
        }
    }
}
