package dev.accrue.engine.testing;

/**
 * The seeds of the seeded tests: each run draws one unless the test's system property gives it,
 * and prints it with the option that replays the run.
 */
public final class TestSeeds {
    private TestSeeds() {
    }

    /** The seed for {@code test}: the property {@code property} if set, else a new one; printed either way. */
    public static long seed(String test, String property) {
        long seed = Long.getLong(property, System.nanoTime());
        System.out.println(test + " seed " + seed + " (replay with -D" + property + "=" + seed + ")");
        return seed;
    }
}
