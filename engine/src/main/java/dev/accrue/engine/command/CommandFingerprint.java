package dev.accrue.engine.command;

import dev.accrue.engine.domain.EventIdHashes;
import dev.accrue.engine.domain.Hash64;

import static dev.accrue.engine.domain.Hash64.mix;

/**
 * A {@link Hash64} of everything a mutating command says, so that a retry (same event id,
 * same content) can be told from a different command reusing the id. A purchase's names are
 * hashed one by one ({@link Hash64#of}) into the slot, and the fingerprint mixes those: the rules
 * look the names up by the same hashes, so each string is read once per purchase.
 *
 * <p>{@link #stamp} does all of a command's hashing on the thread that filled its slot, while the
 * texts it just decoded are in that core's cache: the single business thread would otherwise
 * fetch each of them from the other core only to hash it.
 */
public final class CommandFingerprint {
    private CommandFingerprint() {
    }

    private static long mixMember(long h, CommandSlot s) {
        h = mix(h, s.memberId);
        h = mix(h, s.memberIdentityKind == null ? -1 : s.memberIdentityKind.ordinal());
        return mix(h, s.memberIdentity);
    }

    /**
     * Before publishing: the fingerprint, the names' hashes and the event id's hashes of an
     * idempotent command, marked as done so that the business thread uses them. A command not
     * stamped (replayed, or built in a test) is hashed by the business thread instead.
     */
    public static void stamp(CommandSlot s) {
        // A slot published without being filled (never used yet) has no type: nothing to stamp.
        if (s.type == null || !s.type.idempotent()) {
            return;
        }
        s.fingerprint = of(s);
        s.fingerprinted = true;
        if (s.eventId != null) {
            s.eventIdKey = EventIdHashes.key(s.eventId);
            s.eventIdCheck = EventIdHashes.check(s.eventId);
            s.eventIdHashed = true;
        }
    }

    public static long of(CommandSlot s) {
        // Not the event id: a fingerprint is only ever compared with one stored under the same id.
        long h = mix(Hash64.EMPTY, s.type.ordinal());
        h = mix(h, s.occurredAtMillis);
        switch (s.type) {
            case PURCHASE -> {
                h = mixMember(h, s);
                s.partnerHash = Hash64.of(s.partnerId);
                s.storeHash = Hash64.of(s.storeId);
                h = mix(h, s.partnerHash);
                h = mix(h, s.storeHash);
                h = mix(h, s.channel);
                h = mix(h, s.currency);
                h = mix(h, s.totalMinor);
                h = mix(h, s.paymentMethod);
                h = mix(h, s.lineCount);
                for (int i = 0; i < s.lineCount; i++) {
                    s.lineSkuHash[i] = Hash64.of(s.lineSku[i]);
                    s.lineCategoryHash[i] = Hash64.of(s.lineCategory[i]);
                    h = mix(h, s.lineSkuHash[i]);
                    h = mix(h, s.lineCategoryHash[i]);
                    h = mix(h, s.lineQuantity[i]);
                    h = mix(h, s.lineAmountMinor[i]);
                }
            }
            case ENROL -> {
                h = mix(h, s.enrolCard);
                h = mix(h, s.enrolEshop);
                h = mix(h, s.enrolPhone);
                h = mix(h, s.enrolBirthday);
                h = mix(h, s.enrolEmailHash);
            }
            case LINK_IDENTITY, UNLINK_IDENTITY -> {
                h = mixMember(h, s);
                h = mix(h, s.identityKind.ordinal());
                h = mix(h, s.identity);
            }
            case SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS -> {
                // The fields an admin change does not use are null or 0 alike.
                h = mixMember(h, s);
                h = mix(h, s.memberStatus);
                h = mix(h, s.totalMinor);
                h = mix(h, s.wallet);
                h = mix(h, s.otherMemberId);
                h = mix(h, s.otherIdentityKind == null ? -1 : s.otherIdentityKind.ordinal());
                h = mix(h, s.otherIdentity);
                h = mix(h, s.admin);
                h = mix(h, s.reason);
            }
            case PROGRAM_CHANGE -> h = mix(h, s.programBytes);
            case SET_TIER_FLOOR -> {
                h = mixMember(h, s);
                h = mix(h, s.tierFloor);
                h = mix(h, s.admin);
                h = mix(h, s.reason);
            }
            case REDEEM, HOLD, CAPTURE, VOID_HOLD -> {
                // The fields a way of spending points does not use are null or 0 alike.
                h = mixMember(h, s);
                h = mix(h, s.partnerId);
                h = mix(h, s.storeId);
                h = mix(h, s.totalMinor);
                h = mix(h, s.holdId);
                h = mix(h, s.holdTtlSeconds);
                h = mix(h, s.wallet);
            }
            case RETURN -> {
                h = mix(h, s.returnOf);
                h = mix(h, s.partnerId);
                h = mix(h, s.storeId);
                h = mix(h, s.lineCount);
                for (int i = 0; i < s.lineCount; i++) {
                    h = mix(h, s.returnLine[i]);
                    h = mix(h, s.lineQuantity[i]);
                }
            }
            default -> {
            }
        }
        return Hash64.finish(h);
    }
}
