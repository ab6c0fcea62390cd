package dev.accrue.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;

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
 * <p>Each kind of step lives in its own class ({@link MemberSteps}, {@link PurchaseSteps},
 * {@link ReturnSteps}, {@link RedemptionSteps}, {@link HoldSteps}, {@link TickSteps},
 * {@link ProgramSteps}), all drawing from the one seeded stream in the order this class calls them;
 * {@link ModelAgreement} compares the engine with the model.
 *
 * <p>Prints its seed; {@code -Daccrue.rules.seed=N} replays a run, {@code -Daccrue.rules.steps=N}
 * sets its length.
 */
class RulesModelTest {
    private static final int STEPS = Integer.getInteger("accrue.rules.steps", 6_000);
    /** Fewer than a tick settles (64), so every tick brings every stored member to the clock, as the model does. */
    private static final int MAX_MEMBERS = 16;

    @TempDir
    Path directory;

    private Random random;
    private ReferenceLoyalty model;
    private long now = ProcessorDriver.prague("2026-01-01T08:00");
    private int tierRises;
    private int tierFalls;
    private MemberSteps members;
    private PurchaseSteps purchases;
    private ReturnSteps returns;
    private RedemptionSteps redemptions;
    private HoldSteps holds;
    private TickSteps ticks;
    private ProgramSteps programs;

    @Test
    void theProcessorAgreesWithTheReferenceModelOverRandomJourneys() {
        long seed = Long.getLong("accrue.rules.seed", new Random().nextLong());
        System.out.println("RulesModelTest seed " + seed + " (replay: -Daccrue.rules.seed=" + seed + ")");
        random = new Random(seed);
        model = new ReferenceLoyalty(ProgramSteps.CLASSIC);
        ReferenceRedemptions spending = new ReferenceRedemptions(model);
        HoldRequests holdRequests = new HoldRequests(random, model);
        HoldCounts holdCounts = new HoldCounts();
        try (ProcessorDriver engine = new ProcessorDriver(directory, ProgramSteps.CLASSIC.toProgram())) {
            ModelAgreement agreement = new ModelAgreement(seed, engine, model);
            ReturnRequests returnRequests = new ReturnRequests(random, model,
                    LoyaltyProcessor.DEFAULT_PURCHASE_RETENTION_MILLIS, engine.state().purchases().slices());
            members = new MemberSteps(random, engine, model, agreement);
            purchases = new PurchaseSteps(random, engine, model, agreement);
            returns = new ReturnSteps(random, engine, model, agreement, returnRequests, holdCounts);
            redemptions = new RedemptionSteps(random, engine, model, agreement, spending, holdRequests, holdCounts,
                    returnRequests);
            holds = new HoldSteps(random, engine, model, agreement, spending, holdRequests, holdCounts, returnRequests);
            ticks = new TickSteps(random, engine, model, agreement, holdCounts, returnRequests);
            programs = new ProgramSteps(random, engine, model, agreement);
            for (int step = 0; step < STEPS; step++) {
                int[] tiers = tiers();
                step(step);
                countTierChanges(tiers);
                agreement.compareEveryMember(step);
            }
        }
        System.out.printf("%d steps to %s: %d members, %d program versions, %d late purchases, %d tier rises, %d falls,"
                        + " %d points expired, %d redemptions (%d refused)%n  returns: %s%n  holds: %s%n",
                STEPS, ModelProgram.localDate(now), model.memberCount(), model.versionAt(Long.MAX_VALUE) + 1,
                purchases.latePurchases(), tierRises, tierFalls, totalExpired(), redemptions.redemptions(),
                redemptions.refused(), returns.counts(), holdCounts);
    }

    /** Moves the clock on, then draws the kind of step; the draws must keep their order, or a seed no longer replays. */
    private void step(int step) {
        now += random.nextInt(50) == 0 ? DAY * (5 + random.nextInt(40)) : random.nextInt(6 * 60) * 60_000L;
        int roll = random.nextInt(100);
        if (model.memberCount() < 3 || roll < 4 && model.memberCount() < MAX_MEMBERS) {
            members.enrol(step, now);
        } else if (roll < 47) {
            purchases.purchase(step, now);
        } else if (roll < 57) {
            returns.returnPurchase(step, now);
        } else if (roll < 61) {
            redemptions.redeem(step, now);
        } else if (roll < 66) {
            holds.hold(step, now);
        } else if (roll < 74) {
            holds.captureOrVoid(step, now);
        } else if (roll < 92) {
            ticks.tick(step, now);
        } else if (roll < 94) {
            programs.changeProgram(step, now);
        } else {
            members.balance(step, now);
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
            ModelMember m = model.member(id);
            expired += m.lifetimeExpired(model.asOf(m));
        }
        return expired;
    }
}
