package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.Program;

/**
 * Turns a {@link Program} message into a {@link CompiledProgram}, or refuses it with every
 * problem found. Validation comes first and is complete, so building the tables can trust every
 * field. Runs at load and admin time, never on the earn path.
 */
public final class ProgramCompiler {
    private ProgramCompiler() {
    }

    public static CompiledProgram compile(Program program) throws InvalidProgramException {
        var problems = ProgramValidator.problems(program);
        if (!problems.isEmpty()) {
            throw new InvalidProgramException(problems);
        }
        return new CompiledProgram(program);
    }
}
