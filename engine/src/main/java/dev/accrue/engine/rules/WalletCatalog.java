package dev.accrue.engine.rules;

import dev.accrue.engine.domain.Hash64;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Wallet;
import dev.accrue.loyalty.v1.WalletGrant;

import java.util.ArrayList;
import java.util.List;

/**
 * A program's wallets besides its points, and the SKUs whose purchase credits one. A member
 * record keeps a wallet by its key, a hash of the wallet's id, so that a program version that
 * reorders its wallets changes no balance.
 */
public final class WalletCatalog {
    /** Returned by {@link #key} for an id the program does not define. */
    public static final long UNKNOWN = 0;

    private final String[] ids;
    private final long[] keys;
    /** Grant {@code i} is for SKU {@code i}; looked up by the purchase line's hash, allocation-free. */
    private final StringIndex grantSkus;
    private final long[] grantWalletKey;
    private final long[] grantUnits;
    private final String[] grantLabel;

    WalletCatalog(Program program) {
        ids = new String[program.getWalletsCount()];
        keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Wallet wallet = program.getWallets(i);
            ids[i] = wallet.getId();
            keys[i] = keyOf(wallet.getId());
        }
        grantWalletKey = new long[program.getWalletGrantsCount()];
        grantUnits = new long[grantWalletKey.length];
        grantLabel = new String[grantWalletKey.length];
        List<String> skus = new ArrayList<>(grantWalletKey.length);
        for (int i = 0; i < grantWalletKey.length; i++) {
            WalletGrant grant = program.getWalletGrants(i);
            skus.add(grant.getSku()); // no SKU twice: the validator refuses that
            grantWalletKey[i] = keyOf(grant.getWallet());
            grantUnits[i] = grant.getUnits();
            grantLabel[i] = "wallet:" + grant.getWallet();
        }
        grantSkus = new StringIndex(skus);
    }

    /** The key a wallet id is stored by; never {@link #UNKNOWN}. */
    public static long keyOf(CharSequence id) {
        long key = Hash64.finish(Hash64.mix(Hash64.EMPTY, id));
        return key == UNKNOWN ? 1 : key;
    }

    /** The wallet's key if this program defines {@code id}, else {@link #UNKNOWN}. */
    public long key(CharSequence id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].contentEquals(id)) {
                return keys[i];
            }
        }
        return UNKNOWN;
    }

    /** The id of the wallet stored by {@code key}, or null if this program does not define it. */
    public String id(long key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return ids[i];
            }
        }
        return null;
    }

    public boolean hasGrants() {
        return grantWalletKey.length > 0;
    }

    /**
     * The grant for a SKU whose {@code Hash64.of} is {@code skuHash}, or -1; then
     * {@link #grantWalletKey} and {@link #grantUnits}.
     */
    public int grant(CharSequence sku, long skuHash) {
        int grant = grantSkus.indexOf(sku, skuHash);
        return grant == StringIndex.MISSING ? -1 : grant;
    }

    public long grantWalletKey(int grant) {
        return grantWalletKey[grant];
    }

    public long grantUnits(int grant) {
        return grantUnits[grant];
    }

    /** How receipts and the history name the grant's units among the rules: "wallet:" and the wallet's id. */
    public String grantLabel(int grant) {
        return grantLabel[grant];
    }
}
