package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * A member's wallets besides the program's points (passes with visits, vouchers): a balance per
 * wallet key, kept only while not zero. Pure functions of the record; no allocation.
 */
public final class MemberWallets {
    /** Returned by {@link #find} for a wallet the member holds nothing in. */
    public static final int NONE = -1;

    private MemberWallets() {
    }

    public static int find(MemberRecord r, long key) {
        for (int i = 0; i < r.walletCount; i++) {
            if (r.walletKey[i] == key) {
                return i;
            }
        }
        return NONE;
    }

    public static long balance(MemberRecord r, long key) {
        int at = find(r, key);
        return at == NONE ? 0 : r.walletBalance[at];
    }

    /** Whether {@code units} can be credited: the member holds the wallet or has room for one more. */
    public static boolean canCredit(MemberRecord r, long key) {
        return find(r, key) != NONE || r.walletCount < MemberRecord.MAX_WALLETS;
    }

    /** Adds {@code units} (negative to take; the caller checked the balance and {@link #canCredit}). */
    public static void add(MemberRecord r, long key, long units) {
        int at = find(r, key);
        if (at == NONE) {
            if (units == 0) {
                return;
            }
            at = r.walletCount++;
            r.walletKey[at] = key;
            r.walletBalance[at] = 0;
        }
        r.walletBalance[at] += units;
        if (r.walletBalance[at] == 0) {
            r.walletCount--;
            r.walletKey[at] = r.walletKey[r.walletCount];
            r.walletBalance[at] = r.walletBalance[r.walletCount];
        }
    }

    /** Wallets the member would hold with {@code other}'s added. */
    public static int countAfterAbsorbing(MemberRecord into, MemberRecord other) {
        int count = into.walletCount;
        for (int i = 0; i < other.walletCount; i++) {
            if (find(into, other.walletKey[i]) == NONE) {
                count++;
            }
        }
        return count;
    }

    /** Moves {@code from}'s wallets into {@code into}; the caller checked {@link #countAfterAbsorbing}. */
    public static void absorb(MemberRecord into, MemberRecord from) {
        for (int i = 0; i < from.walletCount; i++) {
            add(into, from.walletKey[i], from.walletBalance[i]);
        }
        from.walletCount = 0;
    }
}
