package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.ResultCode;

/** How often {@link RulesModelTest} took each path of a return, for the run's summary. */
final class ReturnCounts {
    private int applied;
    private int whole;
    private int emptiedPieceByPiece;
    private int fromPending;
    private int olderVersion;
    private int intoDebt;
    private int tierUndone;
    private int afterExpiry;
    private int notFound;
    private int forgotten;
    private int exceeding;
    private int lineUnknown;

    /**
     * An applied return: whole or by lines; the last of several emptying the purchase; taking back
     * points still pending; of a purchase judged by an older version; leaving debt; lowering the tier;
     * finding points of the purchase expired already.
     */
    void applied(boolean wholeReturn, boolean lastOfSeveral, boolean pending, boolean older, boolean debt, boolean undone,
                 boolean expired) {
        applied++;
        whole += wholeReturn ? 1 : 0;
        emptiedPieceByPiece += lastOfSeveral ? 1 : 0;
        fromPending += pending ? 1 : 0;
        olderVersion += older ? 1 : 0;
        intoDebt += debt ? 1 : 0;
        tierUndone += undone ? 1 : 0;
        afterExpiry += expired ? 1 : 0;
    }

    /** A return of a purchase the engine kept once but has forgotten since (refused as not found too). */
    void forgotten() {
        forgotten++;
    }

    void refused(ResultCode result) {
        switch (result) {
            case PURCHASE_NOT_FOUND -> notFound++;
            case RETURN_EXCEEDS_PURCHASE -> exceeding++;
            case RETURN_LINE_UNKNOWN -> lineUnknown++;
            default -> throw new IllegalArgumentException("not a refusal of a return: " + result);
        }
    }

    @Override
    public String toString() {
        return String.format("%d applied (%d whole, %d by lines; %d emptying a purchase piece by piece, %d while pending,"
                        + " %d of an older version, %d into debt, %d undoing a tier, %d after points expired); refused:"
                        + " %d unknown purchase (%d forgotten), %d more than left, %d unknown line",
                applied, whole, applied - whole, emptiedPieceByPiece, fromPending, olderVersion, intoDebt, tierUndone,
                afterExpiry,
                notFound, forgotten, exceeding, lineUnknown);
    }
}
