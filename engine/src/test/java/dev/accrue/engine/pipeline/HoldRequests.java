package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.accrue.engine.pipeline.ModelProgram.DAY;

/**
 * The holds, captures and voids {@link RulesModelTest} sends. A hold keeps part or all of a
 * member's spendable points, now and then (refused) more, for a minute to a day; now and then
 * several at one busy till, until the member's holds run out; now and then for a member whose
 * points expire within the hold's life, so that they expire under it; now and then one arriving
 * late, past its time to live by the engine clock already. Captures and voids mostly name an open
 * hold (often one of a member who owes points or whose held points expired under it), a capture
 * taking all of it (as 0 or as its points), part, or (refused) more; now and then a closed hold
 * the engine remembers or has forgotten, one never made, or another member's.
 */
final class HoldRequests {
    /** A hold of {@code points} for {@code memberId}, at {@code occurredAt} for {@code ttlSeconds}. */
    record Hold(long memberId, long points, long occurredAt, int ttlSeconds) {
        long expiresAt() {
            return occurredAt + ttlSeconds * 1_000L;
        }
    }

    /** What a capture or void names. */
    enum Target { OPEN, CLOSED, NEVER_MADE, OTHER_MEMBERS }

    /** A capture of {@code points} (0: all) or a void of hold {@code holdId}, naming {@code memberId}. */
    record Settlement(boolean voids, long memberId, String holdId, long points, Target target) {
    }

    private final Random random;
    private final ReferenceLoyalty model;

    HoldRequests(Random random, ReferenceLoyalty model) {
        this.random = random;
        this.model = model;
    }

    /** One hold, or a burst at one till. */
    List<Hold> holds(long now) {
        long member = member(now);
        ModelMember m = model.member(member);
        long spendable = Math.max(0, m.spendable(model.asOf(m)));
        List<Hold> holds = new ArrayList<>();
        if (random.nextInt(6) == 0) {
            for (int n = 2 + random.nextInt(9); n > 0; n--) {
                holds.add(new Hold(member, 1 + random.nextInt((int) Math.min(1_000, 1 + spendable / 12)), now, ttl()));
            }
            return holds;
        }
        int roll = random.nextInt(8);
        long points = spendable == 0 || roll == 0 ? spendable + 1 + random.nextInt(300)
                : roll < 4 ? spendable : 1 + (long) (random.nextDouble() * spendable);
        long at = random.nextInt(10) == 0 ? now - random.nextInt(2 * 24 * 60) * 60_000L : now;
        holds.add(new Hold(member, points, at, ttl()));
        return holds;
    }

    Settlement settlement(int step) {
        List<ModelHolds.Hold> open = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        for (long id = 1; id <= model.memberCount(); id++) {
            for (ModelHolds.Hold h : model.member(id).holds.open()) {
                open.add(h);
                owners.add(id);
            }
        }
        boolean voids = random.nextInt(3) == 0;
        int roll = random.nextInt(10);
        if (roll < 8 && !open.isEmpty()) {
            int i = owingOrOverdrawn(owners);
            i = i >= 0 && random.nextInt(4) > 0 ? i : random.nextInt(open.size());
            return new Settlement(voids, owners.get(i), open.get(i).id(), capturing(open.get(i).points(),
                    model.member(owners.get(i)).debt > 0), Target.OPEN);
        }
        if (roll < 9) {
            Settlement closed = closed(voids);
            if (closed != null) {
                return closed;
            }
        }
        if (roll == 9 && !open.isEmpty()) {
            int i = random.nextInt(open.size());
            long other = 1 + (owners.get(i) + random.nextInt(model.memberCount() - 1)) % model.memberCount();
            return new Settlement(voids, other, open.get(i).id(), 0, Target.OTHER_MEMBERS);
        }
        List<ModelPurchase> purchases = model.purchases();
        String id = purchases.isEmpty() || random.nextBoolean() ? "hold-never-made-" + step
                : purchases.get(random.nextInt(purchases.size())).eventId;
        return new Settlement(voids, 1 + random.nextInt(model.memberCount()), id, 0, Target.NEVER_MADE);
    }

    /** All of a hold (as 0 or as its points), part (most often when the member owes: the rest pays it), or more. */
    private long capturing(long held, boolean owing) {
        int how = owing && random.nextBoolean() ? 6 : random.nextInt(10);
        if (how < 4) {
            return 0;
        }
        if (how < 6 || held == 1) {
            return held;
        }
        return how < 9 ? 1 + (long) (random.nextDouble() * (held - 1)) : held + 1 + random.nextInt(100);
    }

    /** A member with holds open, or 0 if none has any. */
    long memberWithHolds() {
        List<Long> members = new ArrayList<>();
        for (long id = 1; id <= model.memberCount(); id++) {
            if (!model.member(id).holds.open().isEmpty()) {
                members.add(id);
            }
        }
        return members.isEmpty() ? 0 : members.get(random.nextInt(members.size()));
    }

    /**
     * A hold of a member who owes points (what the hold frees pays it) or whose held points expired
     * under their holds (spendable below 0), or -1 if none: holds that seldom last until a capture.
     */
    private int owingOrOverdrawn(List<Long> owners) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            ModelMember m = model.member(owners.get(i));
            if (m.debt > 0 || m.spendable(model.asOf(m)) < 0) {
                found.add(i);
            }
        }
        return found.isEmpty() ? -1 : found.get(random.nextInt(found.size()));
    }

    /** Of one of a member's last few closed holds whose refusal does not hang on the engine's order; null if none. */
    private Settlement closed(boolean voids) {
        long member = 1 + random.nextInt(model.memberCount());
        ModelHolds holds = model.member(member).holds;
        List<String> ids = holds.recentlyClosed(2 * MemberRecord.MAX_HOLDS).stream()
                .filter(id -> holds.refusalOf(id) != null).toList();
        return ids.isEmpty() ? null : new Settlement(voids, member, ids.get(random.nextInt(ids.size())), 0, Target.CLOSED);
    }

    /** A busy member (low ids), one with holds open, or one whose points expire within a day. */
    private long member(long now) {
        int roll = random.nextInt(4);
        for (int tries = 0; roll > 0 && tries < 20; tries++) {
            long id = 1 + random.nextInt(model.memberCount());
            ModelMember m = model.member(id);
            long t = model.asOf(m);
            if (roll == 1 ? !m.holds.open().isEmpty() : m.spendable(t) > 0 && m.expiringBefore(t, now + DAY) > 0) {
                return id;
            }
        }
        double skew = random.nextDouble();
        return 1 + (long) (skew * skew * model.memberCount());
    }

    /**
     * A minute to an hour, an hour to 8, or mostly 8 to 24 (the most a till may ask): the test's
     * steps are hours apart, and a hold should live for a few of them.
     */
    private int ttl() {
        int roll = random.nextInt(6);
        return roll == 0 ? 60 + random.nextInt(3_540) : roll == 1 ? 3_600 + random.nextInt(7 * 3_600)
                : 8 * 3_600 + random.nextInt(16 * 3_600 + 1);
    }
}
