package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Channel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;
import static dev.accrue.engine.pipeline.ModelProgram.local;

/**
 * The purchases of {@link RulesModelTest}: by busy members more than quiet ones, on either channel,
 * of one to three lines of several categories and units, now and then arriving late, often exactly
 * on (or 1 ms before) an edge. The receipt and the reply must match the model's.
 */
final class PurchaseSteps extends JourneySteps {
    private static final String[] CATEGORIES = {"fresh", "wine", "gift-cards", "tobacco", "home", null};

    private int latePurchases;

    PurchaseSteps(Random random, ProcessorDriver engine, ReferenceLoyalty model, ModelAgreement agreement) {
        super(random, engine, model, agreement);
    }

    /** Purchases that arrived after the engine's clock had passed them, for the run's summary. */
    int latePurchases() {
        return latePurchases;
    }

    void purchase(int step, long now) {
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
        agreement.log(step, "purchase " + eventId + " member " + member + " at " + local(at)
                + (eshop ? " eshop " : " pos ") + lines);
        ReferenceLoyalty.Receipt expected = model.purchase(member, eventId, at, eshop, lines);
        agreement.check(step, slot.result == ResultCode.OK, "purchase refused: " + slot.result);
        agreement.check(step, slot.pointsEarned == expected.points()
                        && ProcessorDriver.earnedByRule(slot).equals(expected.byRule())
                        && slot.programVersion == expected.version(),
                "receipt: expected " + expected + ", engine " + slot.pointsEarned + " " + ProcessorDriver.earnedByRule(slot)
                        + " version " + slot.programVersion);
        agreement.compareReply(step, slot, member);
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
}
