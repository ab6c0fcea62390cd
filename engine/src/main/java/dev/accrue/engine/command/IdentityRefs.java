package dev.accrue.engine.command;

import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.loyalty.v1.Identity;

/** Validation and translation of {@link Identity}: one external identity, to link or unlink. */
public final class IdentityRefs {
    private IdentityRefs() {
    }

    /** Null if {@code identity} is well formed, else the INVALID_ARGUMENT message. */
    public static String validate(String field, boolean present, Identity identity) {
        if (!present) {
            return field + " is required";
        }
        return switch (identity.getIdentityCase()) {
            case CARD_NUMBER -> FieldRules.requiredText(field + ".card_number", identity.getCardNumber(),
                    FieldRules.MAX_ID_CHARS);
            case ESHOP_CUSTOMER_ID -> FieldRules.requiredText(field + ".eshop_customer_id",
                    identity.getEshopCustomerId(), FieldRules.MAX_ID_CHARS);
            case PHONE -> FieldRules.phone(field + ".phone", identity.getPhone());
            case EMAIL_HASH -> FieldRules.emailHash(field + ".email_hash", identity.getEmailHash());
            default -> field + " must be one of card_number, eshop_customer_id, phone or email_hash";
        };
    }

    /** Copies a validated identity into the slot. */
    public static void copy(Identity identity, CommandSlot slot) {
        switch (identity.getIdentityCase()) {
            case CARD_NUMBER -> set(slot, IdentityKind.CARD, identity.getCardNumber());
            case ESHOP_CUSTOMER_ID -> set(slot, IdentityKind.ESHOP, identity.getEshopCustomerId());
            case PHONE -> set(slot, IdentityKind.PHONE, identity.getPhone());
            case EMAIL_HASH -> set(slot, IdentityKind.EMAIL_HASH, identity.getEmailHash());
            default -> throw new IllegalArgumentException("unvalidated identity");
        }
    }

    /** The message for one stored identity. */
    public static Identity toMessage(IdentityKind kind, String value) {
        Identity.Builder identity = Identity.newBuilder();
        return switch (kind) {
            case CARD -> identity.setCardNumber(value).build();
            case ESHOP -> identity.setEshopCustomerId(value).build();
            case PHONE -> identity.setPhone(value).build();
            case EMAIL_HASH -> identity.setEmailHash(value).build();
        };
    }

    private static void set(CommandSlot slot, IdentityKind kind, String value) {
        slot.identityKind = kind;
        slot.identity = value;
    }
}
