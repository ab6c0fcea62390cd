package dev.accrue.engine.command;

import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.loyalty.v1.MemberRef;

/** Validation and translation of {@link MemberRef}: a member named by id or by one identity. */
public final class MemberRefs {
    private MemberRefs() {
    }

    /** Null if {@code ref} names a member well, else the INVALID_ARGUMENT message. */
    public static String validate(String field, boolean present, MemberRef ref) {
        if (!present) {
            return field + " is required";
        }
        switch (ref.getRefCase()) {
            case MEMBER_ID:
                // uint64 arrives as a signed long; ids above Long.MAX_VALUE are never assigned.
                return ref.getMemberId() > 0 ? null : field + ".member_id must be a positive member id";
            case CARD_NUMBER:
                return FieldRules.requiredText(field + ".card_number", ref.getCardNumber(), FieldRules.MAX_ID_CHARS);
            case ESHOP_CUSTOMER_ID:
                return FieldRules.requiredText(field + ".eshop_customer_id", ref.getEshopCustomerId(),
                        FieldRules.MAX_ID_CHARS);
            case PHONE:
                return FieldRules.phone(field + ".phone", ref.getPhone());
            case EMAIL_HASH:
                return FieldRules.emailHash(field + ".email_hash", ref.getEmailHash());
            case REF_NOT_SET:
            default:
                return field + " must name a member by member_id, card_number, eshop_customer_id, phone or email_hash";
        }
    }

    /** Copies a validated reference into the slot. */
    public static void copy(MemberRef ref, CommandSlot slot) {
        switch (ref.getRefCase()) {
            case MEMBER_ID -> slot.memberId = ref.getMemberId();
            case CARD_NUMBER -> identity(slot, IdentityKind.CARD, ref.getCardNumber());
            case ESHOP_CUSTOMER_ID -> identity(slot, IdentityKind.ESHOP, ref.getEshopCustomerId());
            case PHONE -> identity(slot, IdentityKind.PHONE, ref.getPhone());
            case EMAIL_HASH -> identity(slot, IdentityKind.EMAIL_HASH, ref.getEmailHash());
            default -> throw new IllegalArgumentException("unvalidated member reference");
        }
    }

    /** Copies a validated reference into the slot's other member (MERGE_MEMBERS). */
    public static void copyOther(MemberRef ref, CommandSlot slot) {
        switch (ref.getRefCase()) {
            case MEMBER_ID -> slot.otherMemberId = ref.getMemberId();
            case CARD_NUMBER -> other(slot, IdentityKind.CARD, ref.getCardNumber());
            case ESHOP_CUSTOMER_ID -> other(slot, IdentityKind.ESHOP, ref.getEshopCustomerId());
            case PHONE -> other(slot, IdentityKind.PHONE, ref.getPhone());
            case EMAIL_HASH -> other(slot, IdentityKind.EMAIL_HASH, ref.getEmailHash());
            default -> throw new IllegalArgumentException("unvalidated member reference");
        }
    }

    private static void other(CommandSlot slot, IdentityKind kind, String value) {
        slot.otherMemberId = 0;
        slot.otherIdentityKind = kind;
        slot.otherIdentity = value;
    }

    private static void identity(CommandSlot slot, IdentityKind kind, String value) {
        slot.memberId = 0;
        slot.memberIdentityKind = kind;
        slot.memberIdentity = value;
    }
}
