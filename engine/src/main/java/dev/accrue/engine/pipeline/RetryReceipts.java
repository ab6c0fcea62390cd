package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.state.PurchaseIndex;

/**
 * The parts of a purchase's or a return's original receipt the idempotency table has no room for
 * (it keeps member, points, balance and sequence): a purchase's pending points, tier, program
 * version and points by rule come from its index entry and its EARNED movement, a return's debt
 * and tier from its RETURNED movement. So a retry gets the original receipt whole, also after a
 * restart. A purchase the index no longer keeps (past {@code returns.retention-days}) is answered
 * with what the idempotency table keeps. Retries are rare: reading the history here is fine.
 */
final class RetryReceipts {
    private final PurchaseIndex purchases;
    private final MovementLog movements;
    private final ProgramVersions programs;
    private final Movement movement = new Movement();

    RetryReceipts(PurchaseIndex purchases, MovementLog movements, ProgramVersions programs) {
        this.purchases = purchases;
        this.movements = movements;
        this.programs = programs;
    }

    /** Completes a retried purchase's receipt (the slot holds what the idempotency table kept). */
    void purchase(CommandSlot slot) {
        long offset = purchases.purchase(slot.eventId);
        if (offset < 0) {
            return;
        }
        slot.pending = purchases.pendingAfter();
        slot.tier = purchases.tierAfter();
        movements.read(offset, movement);
        slot.programVersion = movement.programVersion;
        CompiledProgram program = programs.program(movement.programVersion - 1);
        for (int i = 0; i < movement.entryCount; i++) {
            slot.earnedByRule(program.entryRuleId(movement.entryRule[i]), movement.entryPoints[i]);
        }
    }

    /** Completes a retried return's receipt: the return applied as {@code sequence}. */
    void returned(CommandSlot slot, long sequence) {
        if (purchases.purchase(slot.returnOf) < 0) {
            return;
        }
        for (long at = purchases.latestReturn(); at >= 0; at = movement.relatedPrevious - 1) {
            movements.read(at, movement);
            if (movement.sequence == sequence) {
                slot.debt = movement.debtAfterReturn();
                slot.tier = movement.tierAfterReturn();
                return;
            }
        }
    }
}
