package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MovementLog;

/**
 * Appends one movement to a member's history: links it to the member's previous one, makes it the
 * newest, and records the log's length for the next checkpoint. One reused movement; no allocation.
 */
final class MemberHistory {
    private final MovementLog movements;
    private final EngineCounters counters;
    private final Movement movement = new Movement();

    MemberHistory(MovementLog movements, EngineCounters counters) {
        this.movements = movements;
        this.counters = counters;
    }

    /** A cleared movement of {@code kind} for the member, made by the slot's command, to fill and then {@link #append}. */
    Movement start(Movement.Kind kind, long memberId, CommandSlot slot) {
        Movement m = movement.clear(kind);
        m.memberId = memberId;
        m.sequence = slot.sequence;
        m.occurredAtMillis = slot.occurredAtMillis;
        m.eventId.append(slot.eventId);
        return m;
    }

    /** Appends the started movement as the record's newest. */
    void append(MemberRecord r) {
        movement.previous = r.latestMovement;
        r.latestMovement = movements.append(movement) + 1;
        counters.movementLogLength(movements.length());
    }
}
