package dev.accrue.engine.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of the loyalty program in the order they were applied, each in force from its
 * effective time until the next version's. An event is judged by the version in force at the time
 * it happened, so a late purchase (a backfill, a till that was offline) earns what it would have
 * earned then.
 *
 * <p>Changed only by the business-logic thread; other threads (the admin API) read
 * {@link #published()}, an immutable list replaced on each change.
 */
public final class ProgramVersions implements AcceptedCurrencies {
    /** One applied version. */
    public record Version(long number, long effectiveFromMillis, CompiledProgram program) {
    }

    private final List<Version> versions = new ArrayList<>();
    private final List<EarnCalculator> calculators = new ArrayList<>();
    private final List<EarnBreakdown> breakdowns = new ArrayList<>();
    private volatile List<Version> published = List.of();
    private long longestNoticeMillis;

    /** Adds the next version; its effective time must not precede the latest version's. */
    public Version add(long effectiveFromMillis, CompiledProgram program) {
        if (!versions.isEmpty() && effectiveFromMillis < latest().effectiveFromMillis()) {
            throw new IllegalArgumentException("version effective from " + effectiveFromMillis
                    + " precedes the latest version's " + latest().effectiveFromMillis());
        }
        Version version = new Version(versions.size() + 1, effectiveFromMillis, program);
        versions.add(version);
        calculators.add(program.newCalculator());
        breakdowns.add(program.newBreakdown());
        published = List.copyOf(versions);
        longestNoticeMillis = Math.max(longestNoticeMillis, program.expiry().noticeMillis());
        return version;
    }

    /** The longest notice of expiring points any version gives (0: none gives notice). */
    public long longestNoticeMillis() {
        return longestNoticeMillis;
    }

    /** The id of the wallet stored by {@code key}, from the newest version that defines it; its key in hex if none does. */
    public String walletId(long key) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            String id = program(i).wallets().id(key);
            if (id != null) {
                return id;
            }
        }
        return Long.toHexString(key);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    public Version latest() {
        return versions.get(versions.size() - 1);
    }

    /**
     * The index of the version in force at {@code millis}: the last one effective at or before it,
     * or the first version for anything earlier. -1 when there is none. No allocation.
     */
    public int indexAt(long millis) {
        int index = versions.size() - 1;
        while (index > 0 && versions.get(index).effectiveFromMillis() > millis) {
            index--;
        }
        return index;
    }

    public CompiledProgram program(int index) {
        return versions.get(index).program();
    }

    /** The version's calculator, for the business-logic thread only. */
    public EarnCalculator calculator(int index) {
        return calculators.get(index);
    }

    /** The version's breakdown to evaluate into, for the business-logic thread only. */
    public EarnBreakdown breakdown(int index) {
        return breakdowns.get(index);
    }

    /** Accepted by any version: the version in force at the purchase's time decides in the engine. */
    @Override
    public boolean accepts(int packedCurrency) {
        List<Version> versions = published;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).program().baseEarn().accepts(packedCurrency)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        List<Version> versions = published;
        return versions.isEmpty() ? "[]" : versions.get(versions.size() - 1).program().baseEarn().describe();
    }

    /** The versions as of the last change, safe to read from any thread. */
    public List<Version> published() {
        return published;
    }
}
