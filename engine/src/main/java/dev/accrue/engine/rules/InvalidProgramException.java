package dev.accrue.engine.rules;

import java.util.List;

/**
 * A program the compiler refuses, with every problem found, each naming the field at fault
 * ({@code "tiers[2].threshold: must be greater than tiers[1].threshold (5000)"}). Thrown at
 * load or admin time, never on the earn path; the admin API turns it into INVALID_ARGUMENT.
 */
public final class InvalidProgramException extends Exception {
    private final transient List<String> problems;

    public InvalidProgramException(List<String> problems) {
        super("invalid program: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in field order; never empty. */
    public List<String> problems() {
        return problems;
    }
}
