package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MovementKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The movements the history audit expects, by the member whose history lists them now. A command's
 * movement is made for the member it landed on, and listed by that member or the survivor of every
 * merge since, naming the member it was made for (other_member_id) when that is another. Each merge
 * adds a MERGED movement to the survivor's history, naming the merged member, with 0 points (the
 * merged member's own movements carry them), so that a history adds up to the balance.
 */
final class MovementSink {
    private final ExpectedMembers members;
    private final Map<Long, Map<String, MemberMovement>> expected;

    MovementSink(ExpectedMembers members, Map<Long, Map<String, MemberMovement>> expected) {
        this.members = members;
        this.expected = expected;
    }

    /** The movement of a command sent to {@code sentTo}, listed under {@code key} (see {@link #key}). */
    void add(long sentTo, String key, MemberMovement.Builder movement) {
        long madeFor = members.resolveAt(sentTo, movement.getSequence());
        long listedBy = members.resolve(sentTo);
        expected.computeIfAbsent(listedBy, m -> new HashMap<>())
                .put(key, movement.setOtherMemberId(madeFor == listedBy ? 0 : madeFor).build());
    }

    /** The MERGED movements. */
    void addMerges() {
        for (long merged : members.merged()) {
            expected.computeIfAbsent(members.resolve(merged), m -> new HashMap<>()).put(members.mergeEvent(merged),
                    MemberMovement.newBuilder().setKind(MovementKind.MOVEMENT_KIND_MERGED)
                            .setSequence(members.mergeSequence(merged)).setOtherMemberId(merged)
                            .setAdmin(AdminWorkload.ADMIN).setReason(members.mergeEvent(merged)).build());
        }
    }

    /** How a movement is told apart: by the event that made it (one without, such as an expiry, by kind and sequence). */
    static String key(MemberMovement m) {
        return m.getEventId().isEmpty() ? m.getKind().name().substring("MOVEMENT_KIND_".length()) + "@" + m.getSequence()
                : m.getEventId();
    }
}
