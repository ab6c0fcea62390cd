package dev.accrue.engine.rules;

/**
 * What the rules need to know about the member making a purchase, read from the member's record
 * into one reusable instance.
 */
public final class MemberFacts {
    /** The member's tier index (0 = entry tier); an index beyond the ladder counts as its top tier. */
    public int tier;
    /** Birthday month 1 .. 12, or 0 when unknown (no birthday bonus). */
    public int birthdayMonth;
    /** Birthday day of month 1 .. 31, or 0 when unknown. */
    public int birthdayDay;
    /** The local year the member last received a birthday bonus, 0 if never: it is given once a year. */
    public int birthdayBonusYear;
    /** Whether this is the member's first purchase. */
    public boolean firstPurchase;
    /** The local epoch day {@link #pointsEarnedOnDay} counts. */
    public long earnedDay;
    /** Points the member already earned on local day {@link #earnedDay}, for the per-day cap. */
    public long pointsEarnedOnDay;

    public void clear() {
        tier = 0;
        birthdayMonth = 0;
        birthdayDay = 0;
        birthdayBonusYear = 0;
        firstPurchase = false;
        earnedDay = 0;
        pointsEarnedOnDay = 0;
    }
}
