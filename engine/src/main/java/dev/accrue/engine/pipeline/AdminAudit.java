package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.state.AuditLog;
import dev.accrue.engine.state.EngineCounters;

/** Writes an applied admin change to the audit log and records the log's length for the next checkpoint. */
final class AdminAudit {
    private final AuditLog log;
    private final EngineCounters counters;

    AdminAudit(AuditLog log, EngineCounters counters) {
        this.log = log;
        this.counters = counters;
    }

    void record(CommandSlot slot, long memberId, long amount) {
        log.append(slot.sequence, slot.type.name(), slot.occurredAtMillis, slot.admin, slot.reason, slot.eventId,
                memberId, amount, slot.wallet);
        counters.auditLogLength(log.length());
    }
}
