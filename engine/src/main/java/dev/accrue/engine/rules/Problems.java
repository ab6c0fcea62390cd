package dev.accrue.engine.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** The problems found while validating a program, each prefixed with the path of its field. */
final class Problems {
    static final int MAX_ID_CHARS = 64;
    static final int MAX_DESCRIPTION_CHARS = 256;
    static final int MAX_LIST_ENTRIES = 10_000;
    static final long MAX_AMOUNT_MINOR = 100_000_000_000_000L;
    static final long MAX_BONUS_POINTS = 1_000_000_000_000L;
    static final int MAX_MULTIPLIER_BP = 1_000_000;

    private final List<String> problems = new ArrayList<>();

    void add(String path, String problem) {
        problems.add(path + ": " + problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return problems;
    }

    /** A required string of 1 .. max characters; false (and a problem) if it is not. */
    boolean requiredText(String path, String value, int max) {
        if (value.isEmpty()) {
            add(path, "is required");
            return false;
        }
        return optionalText(path, value, max);
    }

    boolean optionalText(String path, String value, int max) {
        if (value.length() > max) {
            add(path, "must be at most " + max + " characters, not " + value.length());
            return false;
        }
        if (!value.strip().equals(value)) {
            add(path, "must not start or end with white space: '" + value + "'");
            return false;
        }
        return true;
    }

    void range(String path, long value, long min, long max) {
        if (value < min || value > max) {
            add(path, "must be " + min + " .. " + max + ", not " + value);
        }
    }

    void multiplier(String path, int basisPoints) {
        if (basisPoints < Points.ONE_X_BP) {
            add(path, "must be at least " + Points.ONE_X_BP + " (1x; multipliers never reduce points), not " + basisPoints);
        } else if (basisPoints > MAX_MULTIPLIER_BP) {
            add(path, "must be at most " + MAX_MULTIPLIER_BP + " (100x), not " + basisPoints);
        }
    }

    /** A list of names (categories, SKUs, ids): each valid, no duplicates; required lists must not be empty. */
    void names(String path, List<String> names, boolean required) {
        if (names.isEmpty()) {
            if (required) {
                add(path, "must name at least one");
            }
            return;
        }
        if (names.size() > MAX_LIST_ENTRIES) {
            add(path, "must hold at most " + MAX_LIST_ENTRIES + " entries, not " + names.size());
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String element = path + "[" + i + "]";
            if (requiredText(element, names.get(i), MAX_ID_CHARS) && !seen.add(names.get(i))) {
                add(element, "'" + names.get(i) + "' is listed twice");
            }
        }
    }

    /**
     * Enum values given by number: each known ({@code known} tells), not the zero value, no
     * duplicates; required lists must not be empty.
     */
    void enumValues(String path, List<Integer> values, boolean required, IntPredicate known) {
        if (values.isEmpty()) {
            if (required) {
                add(path, "must name at least one");
            }
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            int value = values.get(i);
            String element = path + "[" + i + "]";
            if (value == 0) {
                add(element, "must not be the unspecified value");
            } else if (!known.test(value)) {
                add(element, "is not a known value: " + value);
            } else if (!seen.add(value)) {
                add(element, value + " is listed twice");
            }
        }
    }
}
