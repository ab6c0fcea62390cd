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
 * plain categories, lines of several units, basket and welcome bonuses, now and then arriving days
 * late), returns, redemptions, clock ticks, enrolments, balance queries and program changes between
 * three programs with different rates, tiers, windows, pending and expiry. Returns name an earlier
 * purchase by its event id, whole or by lines and units, again and again until nothing is left, of
 * purchases judged by older versions, after the points were spent or expired (into debt); some are
 * refused (a purchase never made or no longer kept, a line it lacks, more units than are left) and
 * must change nothing. Holds from {@link HoldRequests} keep points at a till while returns and
 * redemptions go on; they are captured whole or in part, voided, or end with their time to live at a
 * tick; captures and voids of closed, forgotten, unknown or another member's holds must be refused
 * with the right code and change nothing. Every member's available, pending, held, lifetime earned,
 * redeemed and expired points, open holds, debt, tier, lots and qualifying points per month must
 * match, and so must every receipt and reply (debt beside the balance, or under one program taken
 * off it).
 *
 * <p>Prints its seed; {@code -Daccrue.rules.seed=N} replays a run, {@code -Daccrue.rules.steps=N}
 * sets its length.
 */
class RulesModelTest {
    private static final int STEPS = Integer.getInteger("accrue.rules.steps", 6_000);
    /** Fewer than a tick settles (64), so every tick brings every stored member to the clock, as the model does. */
    private static final int MAX_MEMBERS = 16;
    private static final String[] CATEGORIES = {"fresh", "wine", "gift-cards", "tobacco", "home", null};

    /**
     * A point per euro; tiers at 600 and 2,500 over 12 months; fresh 2x; e-shop 14 days pending; 12 months to end of
     * month; 30 points for a basket of 150 euro.
     */
    private static final ModelProgram CLASSIC = new ModelProgram("classic", 1, 100,
            new long[] {0, 600, 2_500}, new int[] {10_000, 12_500, 15_000}, 12, 1,
            "fresh-x2", "fresh", 20_000, Set.of("gift-cards"), 0, 14 * DAY, 12, 0, 15_000, 30, 0, false);
    /**
     * 3 points per 2 euro; tiers at 900 and 3,000 over 6 months dropping up to 2; wine 1.5x; both channels pending;
     * 120 days; 200 points for a first purchase; debt shown as a negative balance.
     */
    private static final ModelProgram GENEROUS = new ModelProgram("generous", 3, 200,
            new long[] {0, 900, 3_000}, new int[] {10_000, 11_000, 20_000}, 6, 2,
            "wine-x1.5", "wine", 15_000, Set.of("gift-cards", "tobacco"), DAY + 12 * HOUR, 7 * DAY, 0, 120, 0, 0, 200, true);
    /**
     * A point per euro; tiers at 400 and 1,500 over the calendar year; fresh 3x; gift cards earn; nothing pending or
     * expiring; 15 points for a basket of 80 euro, 50 for a first purchase.
     */
    private static final ModelProgram SIMPLE = new ModelProgram("simple", 1, 100,
            new long[] {0, 400, 1_500}, new int[] {10_000, 13_000, 17_500}, 0, 1,
            "fresh-x3", "fresh", 30_000, Set.of("tobacco"), 0, 0, 0, 0, 8_000, 15, 50, false);
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
    private ReturnRequests returnRequests;
    private final ReturnCounts returns = new ReturnCounts();
    private ReferenceRedemptions spending;
    private HoldRequests holdRequests;
    private final HoldCounts holds = new HoldCounts();
    private int redemptions;
    private int redemptionsRefused;

    @Test
    void theProcessorAgreesWithTheReferenceModelOverRandomJourneys() {
        seed = Long.getLong("accrue.rules.seed", new Random().nextLong());
        System.out.println("RulesModelTest seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + ")");
        random = new Random(seed);
        model = new ReferenceLoyalty(CLASSIC);
        spending = new ReferenceRedemptions(model);
        holdRequests = new HoldRequests(random, model);
        try (ProcessorDriver driver = new ProcessorDriver(directory, CLASSIC.toProgram())) {
            engine = driver;
            returnRequests = new ReturnRequests(random, model, LoyaltyProcessor.DEFAULT_PURCHASE_RETENTION_MILLIS,
                    engine.state().purchases().slices());
            for (int step = 0; step < STEPS; step++) {
                int[] tiers = tiers();
                step(step);
                countTierChanges(tiers);
                compareEveryMember(step);
            }
        }
        System.out.printf("%d steps to %s: %d members, %d program versions, %d late purchases, %d tier rises, %d falls,"
                        + " %d points expired, %d redemptions (%d refused)%n  returns: %s%n  holds: %s%n",
                STEPS, ModelProgram.localDate(now), model.memberCount(), model.versionAt(Long.MAX_VALUE) + 1, latePurchases,
                tierRises, tierFalls, totalExpired(), redemptions, redemptionsRefused, returns, holds);
    }

    private void step(int step) {
        now += random.nextInt(50) == 0 ? DAY * (5 + random.nextInt(40)) : random.nextInt(6 * 60) * 60_000L;
        int roll = random.nextInt(100);
        if (model.memberCount() < 3 || roll < 4 && model.memberCount() < MAX_MEMBERS) {
            enrol(step);
        } else if (roll < 47) {
            purchase(step);
        } else if (roll < 57) {
            returnPurchase(step);
        } else if (roll < 61) {
            redeem(step);
        } else if (roll < 66) {
            hold(step);
        } else if (roll < 74) {
            captureOrVoid(step);
        } else if (roll < 92) {
            tick(step);
        } else if (roll < 94) {
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
            long quantity = random.nextInt(3) == 0 ? 2 + random.nextInt(5) : 1;
            long amount = 1 + random.nextInt(random.nextInt(4) == 0 ? 50_000 : 15_000);
            lines.add(new ReferenceLoyalty.Line(category, quantity, amount));
            purchase.line("sku-" + i, category, quantity, amount);
        }
        CommandSlot slot = purchase.apply();
        String eventId = slot.eventId.toString();
        log(step, "purchase " + eventId + " member " + member + " at " + local(at) + (eshop ? " eshop " : " pos ") + lines);
        ReferenceLoyalty.Receipt expected = model.purchase(member, eventId, at, eshop, lines);
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
        long debt = totalDebt();
        engine.tick(at);
        holds.expired(model.tick(at), totalDebt() < debt);
        returnRequests.ticked(model.clock());
    }

    /** A return from {@link ReturnRequests}: receipt and member must match the model's; a refused one must change nothing. */
    private void returnPurchase(int step) {
        ReturnRequests.Request request = returnRequests.next(step);
        ModelPurchase purchase = request.purchase();
        ProcessorDriver.Return sent = engine.returnOf(request.eventId(), now);
        request.lines().forEach(line -> sent.line(line.line(), line.quantity()));
        log(step, "return of " + (purchase == null ? request.eventId() + " (unknown to the engine)" : purchase) + " "
                + (request.lines().isEmpty() ? "whole" : request.lines()));
        ModelMember m = purchase == null ? null : model.member(purchase.memberId);
        String before = purchase == null ? "" : ComparedMember.whole(engine.stored(purchase.memberId));
        long movements = engine.state().movements().length();
        boolean held = m != null && !m.holds.open().isEmpty();
        boolean pending = purchase != null && purchase.pendingUntil > model.asOf(m);
        boolean olderVersion = purchase != null && purchase.version != model.versionAt(model.clock());
        boolean returnedBefore = purchase != null && purchase.returnedAny();
        int tier = m == null ? 0 : m.tier;
        long debt = m == null ? 0 : m.debt;

        CommandSlot slot = sent.apply();
        returnRequests.notAPurchase(slot.eventId.toString());
        ReferenceLoyalty.ReturnReceipt expected = model.returnPurchase(purchase, request.lines());
        check(step, slot.result == expected.result(), "return: expected " + expected.result() + ", engine " + slot.result);
        if (slot.result != ResultCode.OK) {
            if (purchase != null) {
                unchanged(step, purchase.memberId, before, movements, "return");
            } else {
                check(step, engine.state().movements().length() == movements, "a refused return recorded a movement");
            }
            returns.refused(slot.result);
            if (request.forgotten()) {
                returns.forgotten();
            }
            return;
        }
        check(step, -slot.pointsEarned == expected.points() && slot.resultMemberId == purchase.memberId,
                "return receipt: expected " + expected.points() + " points taken from member " + purchase.memberId
                        + ", engine " + -slot.pointsEarned + " from member " + slot.resultMemberId);
        compareReply(step, slot, purchase.memberId);
        returns.applied(request.lines().isEmpty(), returnedBefore && purchase.exhausted(), pending, olderVersion,
                m.debt > debt, m.tier < tier, expected.expiredBefore() > 0);
        if (held) {
            holds.returnedWhileHeld(m.debt > debt);
        }
        returnRequests.returned(purchase);
    }

    /**
     * A redemption, now and then by a member with holds open, of some of the member's points no hold
     * keeps, all of them, or (refused) more than that, often no more than the member's available
     * points with those held; a refused one changes nothing.
     */
    private void redeem(int step) {
        long member = random.nextInt(4) == 0 ? holdRequests.memberWithHolds() : 0;
        member = member != 0 ? member : 1 + random.nextInt(model.memberCount());
        ModelMember m = model.member(member);
        long t = model.asOf(m);
        long spendable = Math.max(0, m.spendable(t));
        int roll = random.nextInt(8);
        long held = m.holds.held();
        // Too many: now and then no more than the member's points with those held, which only the holds keep.
        int over = held > 0 && random.nextBoolean() ? (int) Math.min(held, 1_000) : 500;
        long points = spendable == 0 || roll == 0 ? spendable + 1 + random.nextInt(over)
                : roll < 5 ? spendable : 1 + (long) (random.nextDouble() * spendable);
        log(step, "redeem " + points + " of member " + member);
        boolean overdue = m.holds.overdue(model.clock());
        boolean coveredButForHolds = points <= m.available(t);
        String before = ComparedMember.whole(engine.stored(member));
        long movements = engine.state().movements().length();
        CommandSlot slot = engine.redeem(member, points, now);
        returnRequests.notAPurchase(slot.eventId.toString());
        ResultCode expected = spending.redeem(member, points);
        check(step, slot.result == expected, "redemption: expected " + expected + ", engine " + slot.result);
        if (expected == ResultCode.OK) {
            redemptions++;
            check(step, -slot.pointsEarned == points, "redeemed " + -slot.pointsEarned + " points, not " + points);
            compareReply(step, slot, member);
            return;
        }
        redemptionsRefused++;
        if (coveredButForHolds && !overdue) {
            holds.redemptionRefusedForHolds();
        }
        if (!overdue) {
            unchanged(step, member, before, movements, "redemption");
        }
    }

    /** One hold from {@link HoldRequests}, or a burst at one till, each checked as it is applied; a refused one changes nothing. */
    private void hold(int step) {
        for (HoldRequests.Hold request : holdRequests.holds(now)) {
            long member = request.memberId();
            ModelMember m = model.member(member);
            boolean overdue = m.holds.overdue(model.clock());
            String before = ComparedMember.whole(engine.stored(member));
            long movements = engine.state().movements().length();
            CommandSlot slot = engine.hold(member, request.points(), request.occurredAt(), request.ttlSeconds());
            String id = slot.eventId.toString();
            returnRequests.notAPurchase(id);
            log(step, "hold " + id + " of " + request.points() + " for member " + member + " at " + local(request.occurredAt())
                    + " until " + local(request.expiresAt()));
            ReferenceRedemptions.Receipt expected = spending.hold(member, id, request.points(), request.expiresAt());
            check(step, slot.result == expected.result(), "hold: expected " + expected.result() + ", engine " + slot.result);
            holds.held(slot.result, request.expiresAt() <= model.clock());
            if (slot.result == ResultCode.OK) {
                check(step, slot.holdPointsHeld == expected.points() && slot.holdExpiresAt == expected.expiresAt(),
                        "hold receipt: expected " + expected + ", engine " + slot.holdPointsHeld + " until " + local(slot.holdExpiresAt));
                compareReply(step, slot, member);
            } else if (!overdue) {
                unchanged(step, member, before, movements, "hold");
            }
        }
    }

    /** A capture or void from {@link HoldRequests}: receipt and member must match the model's; a refused one changes nothing. */
    private void captureOrVoid(int step) {
        HoldRequests.Settlement request = holdRequests.settlement(step);
        long member = request.memberId();
        ModelMember m = model.member(member);
        log(step, (request.voids() ? "void" : "capture " + (request.points() == 0 ? "all" : request.points()) + " of")
                + " hold " + request.holdId() + " naming member " + member + " (" + request.target() + ")");
        boolean overdue = m.holds.overdue(model.clock());
        long debt = m.debt;
        ModelHolds.Hold hold = m.holds.find(request.holdId());
        String before = ComparedMember.whole(engine.stored(member));
        long movements = engine.state().movements().length();
        CommandSlot slot = request.voids() ? engine.voidHold(member, request.holdId(), now)
                : engine.capture(member, request.holdId(), request.points(), now);
        returnRequests.notAPurchase(slot.eventId.toString());
        ReferenceRedemptions.Receipt expected = request.voids() ? spending.voidHold(member, request.holdId())
                : spending.capture(member, request.holdId(), request.points());
        check(step, slot.result == expected.result(), (request.voids() ? "void" : "capture") + ": expected "
                + expected.result() + ", engine " + slot.result);
        if (slot.result != ResultCode.OK) {
            holds.refused(request.target(), slot.result);
            if (!overdue) {
                unchanged(step, member, before, movements, request.voids() ? "void" : "capture");
            }
            return;
        }
        if (request.voids()) {
            check(step, slot.holdPointsHeld == 0 && slot.holdExpiresAt == expected.expiresAt(),
                    "void receipt: expected nothing held until " + local(expected.expiresAt()) + ", engine "
                            + slot.holdPointsHeld + " until " + local(slot.holdExpiresAt));
        } else {
            check(step, -slot.pointsEarned == expected.points(),
                    "captured " + -slot.pointsEarned + " points, not " + expected.points());
        }
        compareReply(step, slot, member);
        holds.settled(request.voids(), expected.points() == hold.points(), m.debt < debt);
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
        ModelMember m = model.read(member);
        check(step, slot.result == ResultCode.OK, "balance refused: " + slot.result);
        compareReply(step, slot, member, m);
        long expiring = m.expiringBefore(model.asOf(m), expiringBefore);
        check(step, slot.expiringPoints == expiring, "expiring points: expected " + expiring + ", engine " + slot.expiringPoints);
    }

    private void compareReply(int step, CommandSlot slot, long member) {
        compareReply(step, slot, member, model.member(member));
    }

    /** The reply's balance against the model member {@code m} (which may be a copy settled for a read). */
    private void compareReply(int step, CommandSlot slot, long member, ModelMember m) {
        ComparedMember.Balance expected = ComparedMember.Balance.reply(m, model.asOf(m), model.debtAsNegativeBalance());
        ComparedMember.Balance actual = ComparedMember.Balance.of(slot);
        if (!expected.equals(actual)) {
            disagree(step, "reply for member " + member + ": expected " + expected + ", engine " + actual);
        }
    }

    private void compareEveryMember(int step) {
        MemberRecord stored = new MemberRecord();
        for (long id = 1; id <= model.memberCount(); id++) {
            if (!engine.state().members().read(id, stored)) {
                disagree(step, "member " + id + " is not stored");
            }
            ModelMember m = model.member(id);
            ComparedMember expected = ComparedMember.of(m, model.asOf(m), stored.qualifyingMonth);
            ComparedMember actual = ComparedMember.of(stored);
            if (!expected.equals(actual)) {
                disagree(step, "stored member " + id + ":\n  expected " + expected + "\n  engine   " + actual);
            }
        }
    }

    /**
     * After a refused command: the member's stored record and the movement log are as before. Not
     * asked when the member had a hold past its time to live, which the command's settlement closes.
     */
    private void unchanged(int step, long member, String before, long movements, String what) {
        String after = ComparedMember.whole(engine.stored(member));
        check(step, after.equals(before), "a refused " + what + " changed the member:\n  before " + before + "\n  after  " + after);
        check(step, engine.state().movements().length() == movements, "a refused " + what + " recorded a movement");
    }

    private long totalDebt() {
        long debt = 0;
        for (long id = 1; id <= model.memberCount(); id++) {
            debt += model.member(id).debt;
        }
        return debt;
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
            ModelMember m = model.member(id);
            expired += m.lifetimeExpired(model.asOf(m));
        }
        return expired;
    }

    private void log(int step, String what) {
        if (recentSteps.size() == 12) {
            recentSteps.removeFirst();
        }
        recentSteps.addLast(step + ": " + what + " (clock " + local(model.clock()) + ")");
    }

    private void check(int step, boolean agrees, String what) {
        if (!agrees) {
            disagree(step, what);
        }
    }

    private void disagree(int step, String what) {
        fail("seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + "), step " + step + ": " + what
                + "\nrecent steps:\n  " + String.join("\n  ", recentSteps));
    }
}
