package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.ReceiptLog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole first reply of a member change (a balance, and for identity, status and merge calls
 * the member's view), kept in the {@link ReceiptLog} so that a retry gets it as first answered,
 * also after the member changed again and after a restart. The idempotency table keeps where it
 * is. Member changes are rare: encoding a reply with a few small allocations is fine.
 *
 * <pre>
 *  sequence  memberId  available  debt  pending  earned  redeemed  expired  adjusted  lastSequence   (longs)
 *  expiring  tier  status  wallets × (id, balance)
 *  view? (byte)  [enrolledAt  birthday  mergedMembers  identities × (kind, value)]
 * </pre>
 * Strings are an unsigned short length and UTF-8 bytes.
 */
final class MemberChangeReceipts {
    /** Far more than a reply holds: 16 identities and 16 wallets of ids up to 128 characters. */
    private static final int MAX_RECEIPT = 64 * 1024;

    private final ReceiptLog log;
    private final EngineCounters counters;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_RECEIPT).order(ByteOrder.LITTLE_ENDIAN);

    MemberChangeReceipts(ReceiptLog log, EngineCounters counters) {
        this.log = log;
        this.counters = counters;
    }

    /** The commands whose replies are kept here. */
    static boolean kept(CommandType type) {
        return switch (type) {
            case SET_TIER_FLOOR, SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS, LINK_IDENTITY, UNLINK_IDENTITY -> true;
            default -> false;
        };
    }

    /** Keeps the reply of an applied member change, which the slot holds; returns where it is kept. */
    long keep(CommandSlot slot) {
        ByteBuffer b = buffer.clear();
        b.putLong(slot.sequence).putLong(slot.resultMemberId).putLong(slot.available).putLong(slot.debt)
                .putLong(slot.pending).putLong(slot.lifetimeEarned).putLong(slot.lifetimeRedeemed)
                .putLong(slot.lifetimeExpired).putLong(slot.lifetimeAdjusted).putLong(slot.lastSequence)
                .putLong(slot.expiringPoints).putInt(slot.tier).putInt(slot.resultStatus).putInt(slot.walletCount);
        for (int i = 0; i < slot.walletCount; i++) {
            putString(b, slot.walletIds[i]);
            b.putLong(slot.walletBalances[i]);
        }
        if (MemberAdministration.answersWithMember(slot.type)) {
            MemberView view = (MemberView) slot.replyMessage;
            b.put((byte) 1).putLong(view.enrolledAtMillis()).putInt(view.birthday()).putInt(view.mergedMembers())
                    .putInt(view.identities().size());
            for (MemberView.Identity identity : view.identities()) {
                b.put((byte) identity.kind().ordinal());
                putString(b, identity.value());
            }
        } else {
            b.put((byte) 0);
        }
        long offset = log.append(b.flip());
        counters.receiptLogLength(log.length());
        return offset;
    }

    /**
     * Answers a retry with the reply kept at {@code offset} for the command applied as
     * {@code sequence}; false if none is kept there (an event applied before replies were kept).
     */
    boolean answer(CommandSlot slot, long offset, long sequence) {
        if (!log.read(offset, buffer)) {
            return false;
        }
        ByteBuffer b = buffer;
        if (b.getLong() != sequence) {
            return false;
        }
        slot.result = ResultCode.OK;
        slot.resultMemberId = b.getLong();
        slot.available = b.getLong();
        slot.debt = b.getLong();
        slot.pending = b.getLong();
        slot.lifetimeEarned = b.getLong();
        slot.lifetimeRedeemed = b.getLong();
        slot.lifetimeExpired = b.getLong();
        slot.lifetimeAdjusted = b.getLong();
        slot.lastSequence = b.getLong();
        slot.expiringPoints = b.getLong();
        slot.tier = b.getInt();
        slot.resultStatus = b.getInt();
        slot.walletCount = b.getInt();
        for (int i = 0; i < slot.walletCount; i++) {
            slot.walletIds[i] = getString(b);
            slot.walletBalances[i] = b.getLong();
        }
        if (b.get() == 1) {
            long enrolledAt = b.getLong();
            int birthday = b.getInt();
            int merged = b.getInt();
            int count = b.getInt();
            List<MemberView.Identity> identities = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                IdentityKind kind = IdentityKind.of(b.get());
                identities.add(new MemberView.Identity(kind, getString(b)));
            }
            slot.replyMessage = new MemberView(enrolledAt, birthday, merged, identities);
        }
        return true;
    }

    private static void putString(ByteBuffer b, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer b) {
        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
