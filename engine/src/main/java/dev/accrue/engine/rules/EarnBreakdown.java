package dev.accrue.engine.rules;

/**
 * What one purchase earned and why: the output of {@link EarnCalculator}, one reusable instance
 * per thread, sized for its program ({@link CompiledProgram#newBreakdown()}).
 *
 * <p>Entries are (rule index in {@link RuleTable}, line index or {@link #BASKET}, points), in
 * stacking order; entries of zero points are left out. A cap's trim is a negative entry of the
 * cap per line it trimmed, so the entries always sum to {@link #total()} and a line's entries sum
 * to {@link #linePoints(int)}: a return of that line takes back exactly that.
 */
public final class EarnBreakdown {
    /** The line index of basket-level entries (basket bonuses and their trims). */
    public static final int BASKET = -1;

    private final int[] entryRule;
    private final int[] entryLine;
    private final long[] entryPoints;
    private final long[] linePoints = new long[Basket.MAX_LINES];
    /** Per line: its part of {@link #qualifyingPoints} and {@link #qualifyingSpendMinor}, which a return of it takes back. */
    final long[] lineQualifyingPoints = new long[Basket.MAX_LINES];
    final long[] lineQualifyingSpend = new long[Basket.MAX_LINES];
    final long[] lineBasketAmount = new long[Basket.MAX_LINES];
    private int entryCount;
    private int lineCount;
    private long total;
    long qualifyingSpendMinor;
    long qualifyingPoints;
    long pendingUntilMillis;
    long expiresAtMillis;
    long localDay;
    int birthdayBonusYear;

    public EarnBreakdown(int capacity) {
        entryRule = new int[capacity];
        entryLine = new int[capacity];
        entryPoints = new long[capacity];
    }

    public int capacity() {
        return entryRule.length;
    }

    /** All points the purchase earned, after caps. */
    public long total() {
        return total;
    }

    /** Lines evaluated (1 for a basket without lines). */
    public int lineCount() {
        return lineCount;
    }

    /** Points line {@code line} earned, after caps; basket-level points are in no line. */
    public long linePoints(int line) {
        return linePoints[line];
    }

    /** Points earned at basket level (basket bonuses less their trims). */
    public long basketPoints() {
        long sum = total;
        for (int i = 0; i < lineCount; i++) {
            sum -= linePoints[i];
        }
        return sum;
    }

    public int entryCount() {
        return entryCount;
    }

    public int entryRule(int entry) {
        return entryRule[entry];
    }

    public int entryLine(int entry) {
        return entryLine[entry];
    }

    public long entryPoints(int entry) {
        return entryPoints[entry];
    }

    /** Minor units spent on eligible lines in the qualifying currency (0 in another currency or on a points basis). */
    public long qualifyingSpendMinor() {
        return qualifyingSpendMinor;
    }

    /** Base points of eligible lines left after caps: what counts toward a points-based tier. */
    public long qualifyingPoints() {
        return qualifyingPoints;
    }

    /** Base points line {@code line} kept after caps: its part of {@link #qualifyingPoints()}. */
    public long lineQualifyingPoints(int line) {
        return lineQualifyingPoints[line];
    }

    /** Minor units of line {@code line} in {@link #qualifyingSpendMinor()}: its amount if eligible. */
    public long lineQualifyingSpend(int line) {
        return lineQualifyingSpend[line];
    }

    /**
     * Minor units of line {@code line} that basket-level rules (threshold, welcome, birthday bonuses,
     * basket promotions) counted: its amount, or 0 for an excluded line. Returns share those rules'
     * points by it.
     */
    public long lineBasketAmount(int line) {
        return lineBasketAmount[line];
    }

    /** When the points stop being pending and can be spent. */
    public long pendingUntilMillis() {
        return pendingUntilMillis;
    }

    /** When the points expire ({@link ExpiryRule#NEVER} if they do not). */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** The purchase's local epoch day: the day its points count toward for the per-day cap. */
    public long localDay() {
        return localDay;
    }

    /** The local year a birthday bonus was given for, or 0 if this purchase got none. */
    public int birthdayBonusYear() {
        return birthdayBonusYear;
    }

    void reset(int lines) {
        for (int i = 0; i < Math.max(lines, lineCount); i++) {
            linePoints[i] = 0;
            lineQualifyingPoints[i] = 0;
            lineQualifyingSpend[i] = 0;
            lineBasketAmount[i] = 0;
        }
        lineCount = lines;
        entryCount = 0;
        total = 0;
        qualifyingSpendMinor = 0;
        qualifyingPoints = 0;
        pendingUntilMillis = 0;
        expiresAtMillis = 0;
        localDay = 0;
        birthdayBonusYear = 0;
    }

    /**
     * Records an earning entry, cut so the total never passes {@link Points#MAX_PER_EVENT}.
     * Returns the points recorded.
     */
    long earn(int rule, int line, long points) {
        long recorded = Math.min(points, Points.MAX_PER_EVENT - total);
        if (recorded > 0) {
            append(rule, line, recorded);
        }
        return recorded;
    }

    /** Records a cap's trim (a positive amount, stored negative). */
    void trim(int capRule, int line, long points) {
        append(capRule, line, -points);
    }

    private void append(int rule, int line, long points) {
        entryRule[entryCount] = rule;
        entryLine[entryCount] = line;
        entryPoints[entryCount] = points;
        entryCount++;
        total += points;
        if (line != BASKET) {
            linePoints[line] += points;
        }
    }

    /** The entries, one per line, for logs and test failures; allocates, not for the earn path. */
    public String describe(RuleTable rules) {
        StringBuilder s = new StringBuilder("total ").append(total);
        for (int i = 0; i < entryCount; i++) {
            s.append("\n  ").append(rules.id(entryRule[i]))
                    .append(entryLine[i] == BASKET ? " basket" : " line " + entryLine[i]).append(' ').append(entryPoints[i]);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "EarnBreakdown{total=" + total + ", entries=" + entryCount + ", lines=" + lineCount + "}";
    }
}
