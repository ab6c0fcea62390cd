package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberWalletsTest {
    private final MemberRecord member = new MemberRecord().enrol(0, 1);

    @Test
    void aWalletIsKeptWhileItHoldsUnits() {
        MemberWallets.add(member, 7, 10);
        assertEquals(1, member.walletCount);

        MemberWallets.add(member, 7, -10);

        assertEquals(0, member.walletCount);
        assertEquals(0, MemberWallets.balance(member, 7));
    }

    @Test
    void emptyingOneWalletKeepsTheOthers() {
        MemberWallets.add(member, 1, 5);
        MemberWallets.add(member, 2, 6);
        MemberWallets.add(member, 3, 7);

        MemberWallets.add(member, 1, -5);

        assertEquals(6, MemberWallets.balance(member, 2));
        assertEquals(7, MemberWallets.balance(member, 3));
        assertEquals(2, member.walletCount);
    }

    @Test
    void aMemberHoldingEveryWalletItMayHasNoRoomForAnotherButCanAddToItsOwn() {
        for (int key = 1; key <= MemberRecord.MAX_WALLETS; key++) {
            MemberWallets.add(member, key, 1);
        }

        assertFalse(MemberWallets.canCredit(member, 99));
        assertTrue(MemberWallets.canCredit(member, 1));
    }

    @Test
    void aWalletKeyDependsOnTheIdOnlyAndIsNeverTheUnknownKey() {
        assertEquals(WalletCatalog.keyOf("swim-pass"), WalletCatalog.keyOf(new StringBuilder("swim-pass")));
        assertTrue(WalletCatalog.keyOf("") != WalletCatalog.UNKNOWN);
    }
}
