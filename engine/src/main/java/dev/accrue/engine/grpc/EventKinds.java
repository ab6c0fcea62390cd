package dev.accrue.engine.grpc;

import dev.accrue.engine.domain.Movement;
import dev.accrue.loyalty.v1.EventKind;

import java.util.List;

/**
 * The one mapping between the engine's movement kinds and the kinds of the member events the API
 * sends, and the kind filter of a subscription in the engine's terms.
 */
final class EventKinds {
    private static final Movement.Kind[] MOVEMENT_KINDS = Movement.Kind.values();

    private EventKinds() {
    }

    static EventKind of(Movement.Kind kind) {
        return switch (kind) {
            case EARNED -> EventKind.EVENT_KIND_POINTS_CREDITED;
            case RELEASED -> EventKind.EVENT_KIND_PENDING_RELEASED;
            case REDEEMED -> EventKind.EVENT_KIND_POINTS_REDEEMED;
            case EXPIRED -> EventKind.EVENT_KIND_POINTS_EXPIRED;
            case RETURNED -> EventKind.EVENT_KIND_POINTS_RETURNED;
            case TIER_CHANGED -> EventKind.EVENT_KIND_TIER_CHANGED;
            case EXPIRING_SOON -> EventKind.EVENT_KIND_POINTS_EXPIRING_SOON;
            case ADJUSTED -> EventKind.EVENT_KIND_POINTS_ADJUSTED;
            case MERGED -> EventKind.EVENT_KIND_MEMBERS_MERGED;
            case FORFEITED -> EventKind.EVENT_KIND_POINTS_FORFEITED;
            // A kind the engine records before the API names it (a new kind of movement of
            // points): still sent, as OTHER with its points, so a client counting points misses
            // nothing. Name it above when it gets its own event kind.
            default -> EventKind.EVENT_KIND_OTHER;
        };
    }

    /** Null if every value names a kind a client may ask for; otherwise what is wrong, naming the field. */
    static String validate(List<Integer> kindValues) {
        for (int i = 0; i < kindValues.size(); i++) {
            EventKind kind = EventKind.forNumber(kindValues.get(i));
            if (kind == null || kind == EventKind.EVENT_KIND_UNSPECIFIED) {
                return "kinds[" + i + "] must be a known event kind other than EVENT_KIND_UNSPECIFIED, not "
                        + kindValues.get(i);
            }
        }
        return null;
    }

    /** The movement kinds (by ordinal) whose events are wanted: null for every kind when {@code kinds} is empty. */
    static boolean[] wanted(List<EventKind> kinds) {
        if (kinds.isEmpty()) {
            return null;
        }
        boolean[] wanted = new boolean[MOVEMENT_KINDS.length];
        for (Movement.Kind kind : MOVEMENT_KINDS) {
            wanted[kind.ordinal()] = kinds.contains(of(kind));
        }
        return wanted;
    }
}
