package dev.accrue.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The returns {@link RulesModelTest} sends: mostly of a purchase the engine surely still keeps
 * (one already partly returned, so that purchases empty piece by piece, one of a member who holds
 * no points, so that returns leave debt, one of a member with points held at a till, which the
 * return must leave to the hold, a recent one, or any),
 * whole or by lines and units; now and then of an event id that names no purchase or of a purchase
 * the engine has surely forgotten, of a line the purchase lacks, or of more units than are left.
 */
final class ReturnRequests {
    /** A return: the event id it names, the purchase the model knows by it (null: one the engine does not know), the units. */
    record Request(String eventId, ModelPurchase purchase, List<ModelPurchase.ReturnedLine> lines, boolean forgotten) {
    }

    private final Random random;
    private final ReferenceLoyalty model;
    private final long retentionMillis;
    private final int slices;
    /** The engine clock after each tick, in order. */
    private final List<Long> tickClocks = new ArrayList<>();
    private final List<ModelPurchase> partlyReturned = new ArrayList<>();
    private final List<String> otherEventIds = new ArrayList<>();

    /**
     * @param retentionMillis how long after it was recorded the engine keeps a purchase returnable
     * @param slices          the slices of the engine's purchase index: a tick forgets old purchases in one
     */
    ReturnRequests(Random random, ReferenceLoyalty model, long retentionMillis, int slices) {
        this.random = random;
        this.model = model;
        this.retentionMillis = retentionMillis;
        this.slices = slices;
    }

    void ticked(long clock) {
        tickClocks.add(clock);
    }

    /** The event id of a command other than a purchase: a return naming it names no purchase. */
    void notAPurchase(String eventId) {
        otherEventIds.add(eventId);
    }

    /** After a return of {@code p} was applied: while units are left, it may be returned again. */
    void returned(ModelPurchase p) {
        partlyReturned.remove(p);
        if (!p.exhausted()) {
            partlyReturned.add(p);
        }
    }

    Request next(int step) {
        ModelPurchase purchase = kept();
        int roll = random.nextInt(20);
        if (purchase == null || roll == 0) {
            String eventId = otherEventIds.isEmpty() || random.nextBoolean() ? "purchase-never-made-" + step
                    : otherEventIds.get(random.nextInt(otherEventIds.size()));
            return new Request(eventId, null, List.of(), false);
        }
        ModelPurchase forgotten = roll == 1 ? forgotten() : null;
        if (forgotten != null) {
            return new Request(forgotten.eventId, null, List.of(), true);
        }
        return new Request(purchase.eventId, purchase, lines(purchase), false);
    }

    /** A purchase the engine surely still keeps (recorded within its retention), or null if none. */
    private ModelPurchase kept() {
        List<ModelPurchase> all = model.purchases();
        partlyReturned.removeIf(p -> !kept(p));
        int first = all.size();
        while (first > 0 && kept(all.get(first - 1))) {
            first--;
        }
        if (first == all.size()) {
            return null;
        }
        int roll = random.nextInt(10);
        if (roll < 3 && !partlyReturned.isEmpty()) {
            return partlyReturned.get(random.nextInt(partlyReturned.size()));
        }
        if (roll == 3) {
            // Of a member who holds no points (spent or expired): what it takes back is owed.
            List<ModelPurchase> owing = all.subList(first, all.size()).stream()
                    .filter(p -> !p.exhausted() && holdsNothing(p)).toList();
            if (!owing.isEmpty()) {
                return owing.get(random.nextInt(owing.size()));
            }
        }
        if (roll == 4 || roll == 5) {
            // Of a member with points held at a till (roll 5: nothing else to take, so it is owed).
            List<ModelPurchase> held = all.subList(first, all.size()).stream()
                    .filter(p -> !p.exhausted() && !model.member(p.memberId).holds.open().isEmpty()
                            && (roll == 4 || holdsNothing(p))).toList();
            if (!held.isEmpty()) {
                return held.get(random.nextInt(held.size()));
            }
        }
        int from = roll < 7 ? Math.max(first, all.size() - 20) : first;
        return all.get(from + random.nextInt(all.size() - from));
    }

    /** Whether the member has no points a return could take: none pending, none but those holds keep. */
    private boolean holdsNothing(ModelPurchase p) {
        ModelMember m = model.member(p.memberId);
        long t = model.asOf(m);
        return Math.max(0, m.spendable(t)) + m.pending(t) == 0;
    }

    private boolean kept(ModelPurchase p) {
        return p.recordedAt >= model.clock() - retentionMillis;
    }

    /**
     * A purchase the engine has surely forgotten, or null: past its retention for as many ticks as
     * the index has slices, each tick sweeping the next slice.
     */
    private ModelPurchase forgotten() {
        if (tickClocks.size() < slices) {
            return null;
        }
        long recordedBefore = tickClocks.get(tickClocks.size() - slices) - retentionMillis;
        List<ModelPurchase> all = model.purchases();
        int count = 0;
        while (count < all.size() && all.get(count).recordedAt < recordedBefore) {
            count++;
        }
        return count == 0 ? null : all.get(random.nextInt(count));
    }

    /**
     * Everything left, or some units of some lines (a line now and then named twice); now and then
     * a line the purchase lacks or more units than are left.
     */
    private List<ModelPurchase.ReturnedLine> lines(ModelPurchase p) {
        List<ModelPurchase.ReturnedLine> lines = new ArrayList<>();
        int roll = random.nextInt(20);
        if (roll == 0) {
            lines.add(new ModelPurchase.ReturnedLine(p.lineCount() + random.nextInt(3), 1));
        } else if (roll == 1) {
            int line = random.nextInt(p.lineCount());
            lines.add(new ModelPurchase.ReturnedLine(line, p.left(line) + 1 + random.nextInt(2)));
        } else if (roll >= 8) {
            for (int i = 0; i < p.lineCount(); i++) {
                if (p.left(i) > 0 && random.nextBoolean()) {
                    long units = random.nextBoolean() ? p.left(i) : 1 + random.nextInt((int) p.left(i));
                    if (units > 1 && random.nextInt(4) == 0) {
                        lines.add(new ModelPurchase.ReturnedLine(i, 1));
                        units--;
                    }
                    lines.add(new ModelPurchase.ReturnedLine(i, units));
                }
            }
            if (lines.isEmpty()) {
                int line = random.nextInt(p.lineCount());
                lines.add(new ModelPurchase.ReturnedLine(line, Math.max(1, p.left(line))));
            }
        }
        return lines;
    }
}
