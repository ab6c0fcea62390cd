package dev.accrue.engine.command;

import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnedLine;

/** Validation of a {@link Return} and its translation into a ring slot. */
public final class ReturnCommand {
    private ReturnCommand() {
    }

    /** Null if the return is well-formed, else the INVALID_ARGUMENT message naming the field. */
    public static String validate(Return r) {
        String error = FieldRules.requiredText("event_id", r.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = FieldRules.requiredText("purchase_event_id", r.getPurchaseEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("partner_id", r.getPartnerId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("store_id", r.getStoreId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", r.hasOccurredAt(), r.getOccurredAt());
        }
        if (error == null && r.getLinesCount() > CommandSlot.MAX_LINE_ITEMS) {
            error = "lines has " + r.getLinesCount() + " entries; at most " + CommandSlot.MAX_LINE_ITEMS;
        }
        for (int i = 0; error == null && i < r.getLinesCount(); i++) {
            ReturnedLine line = r.getLines(i);
            if (line.getLine() >= CommandSlot.MAX_LINE_ITEMS) {
                error = "lines[" + i + "].line must be below " + CommandSlot.MAX_LINE_ITEMS + ", not " + line.getLine();
            } else if (line.getQuantity() < 1 || line.getQuantity() > PurchaseCommand.MAX_QUANTITY) {
                error = "lines[" + i + "].quantity must be 1 .. " + PurchaseCommand.MAX_QUANTITY + ", not " + line.getQuantity();
            }
        }
        return error;
    }

    /** Copies a validated return into the slot (which the caller has reset). */
    public static void copy(Return r, CommandSlot slot) {
        slot.eventId = r.getEventId();
        slot.returnOf = r.getPurchaseEventId();
        slot.partnerId = r.getPartnerId();
        slot.storeId = r.getStoreId();
        slot.occurredAtMillis = FieldRules.toMillis(r.getOccurredAt());
        int count = r.getLinesCount();
        for (int i = 0; i < count; i++) {
            slot.returnLine[i] = r.getLines(i).getLine();
            slot.lineQuantity[i] = r.getLines(i).getQuantity();
        }
        slot.lineCount = count;
    }
}
