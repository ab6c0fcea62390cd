package dev.accrue.engine.rules;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.accrue.loyalty.v1.Program;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A program file: the {@link Program} message in protobuf's JSON form (field names in
 * lowerCamelCase or as in the .proto, enums by name, 64-bit integers as numbers or strings).
 * Unknown fields are refused, so a misspelt field is an error rather than a silent default.
 * The format is documented in docs/program.md; config/program.json is an example.
 */
public final class ProgramFile {
    private ProgramFile() {
    }

    /** Reads, validates and compiles the file. */
    public static CompiledProgram load(Path file) throws IOException, InvalidProgramException {
        return ProgramCompiler.compile(read(file));
    }

    /** Reads the file into a message without validating it. */
    public static Program read(Path file) throws IOException, InvalidProgramException {
        try {
            return parse(Files.readString(file));
        } catch (InvalidProgramException e) {
            throw new InvalidProgramException(List.of(file + ": " + e.problems().get(0)));
        }
    }

    /** Parses a program from its JSON form without validating it. */
    public static Program parse(String json) throws InvalidProgramException {
        Program.Builder program = Program.newBuilder();
        try {
            JsonFormat.parser().merge(json, program);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProgramException(List.of("not a program in JSON form: " + e.getMessage()));
        }
        return program.build();
    }

    /** The program's JSON form, as the file holds it. */
    public static String toJson(Program program) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().print(program);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a Program message always prints", e);
        }
    }
}
