package dev.accrue.engine.command;

import dev.accrue.loyalty.v1.EnrolRequest;

/** Validation of an {@link EnrolRequest} and its translation into a ring slot. */
public final class EnrolCommand {
    private EnrolCommand() {
    }

    public static String validate(EnrolRequest r) {
        String error = FieldRules.requiredText("event_id", r.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = FieldRules.timestamp("enrolled_at", r.hasEnrolledAt(), r.getEnrolledAt());
        }
        if (error == null) {
            error = FieldRules.optionalText("card_number", r.getCardNumber(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.optionalText("eshop_customer_id", r.getEshopCustomerId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null && !r.getPhone().isEmpty()) {
            error = FieldRules.phone("phone", r.getPhone());
        }
        if (error == null && !r.getEmailHash().isEmpty()) {
            error = FieldRules.emailHash("email_hash", r.getEmailHash());
        }
        if (error == null) {
            error = birthday(r.getBirthMonth(), r.getBirthDay());
        }
        return error;
    }

    private static String birthday(int month, int day) {
        if (month == 0 && day == 0) {
            return null;
        }
        if (month < 1 || month > 12) {
            return "birth_month must be 1 .. 12 (with birth_day), not " + month;
        }
        int days = java.time.Month.of(month).maxLength();
        if (day < 1 || day > days) {
            return "birth_day must be 1 .. " + days + " for month " + month + ", not " + day;
        }
        return null;
    }

    public static void copy(EnrolRequest r, CommandSlot slot) {
        slot.eventId = r.getEventId();
        slot.occurredAtMillis = FieldRules.toMillis(r.getEnrolledAt());
        slot.enrolCard = r.getCardNumber().isEmpty() ? null : r.getCardNumber();
        slot.enrolEshop = r.getEshopCustomerId().isEmpty() ? null : r.getEshopCustomerId();
        slot.enrolPhone = r.getPhone().isEmpty() ? null : r.getPhone();
        slot.enrolBirthday = r.getBirthMonth() * 100 + r.getBirthDay();
        slot.enrolEmailHash = r.getEmailHash().isEmpty() ? null : r.getEmailHash();
    }
}
