package dev.accrue.engine.app;

import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.Hash64;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.InvalidProgramException;
import dev.accrue.engine.rules.ProgramCompiler;
import dev.accrue.engine.rules.ProgramFile;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.loyalty.v1.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The program file at start: read and validated before anything else (a bad file stops the start
 * with every problem listed), then, once the pipeline runs, applied as a new program version if the
 * engine never had that program. A file the engine had before is not applied again, so a change an
 * admin applied through the API since survives a restart; an edited file is a new program and
 * replaces it. Applying goes through the ring like an admin's change, so the journal holds it and
 * a replay sees the same programs. A new engine's first version is in force from the beginning of
 * time; an edited file's from the moment of the start.
 */
final class ProgramFileLoader {
    /** config/program.json, packaged into the jar: the embedded default's demo program. */
    static final String DEMO_PROGRAM_RESOURCE = "program.json";
    private static final Logger LOG = LoggerFactory.getLogger(ProgramFileLoader.class);

    private ProgramFileLoader() {
    }

    /** The file's program, or the demo program when {@code file} is null. */
    static Program read(Path file) throws IOException, InvalidProgramException {
        Program program;
        if (file == null) {
            try (InputStream in = ProgramFileLoader.class.getResourceAsStream(DEMO_PROGRAM_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the demo program is missing from the engine's jar");
                }
                program = ProgramFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            program = ProgramFile.read(file);
        }
        program = program.toBuilder().clearVersion().build();
        ProgramCompiler.compile(program);
        return program;
    }

    /**
     * Applies {@code program} unless one of the engine's versions already is it; returns the version
     * in force.
     */
    static long apply(CommandPublisher publisher, ProgramVersions versions, Program program, long nowMillis)
            throws InterruptedException {
        byte[] bytes = program.toByteArray();
        List<ProgramVersions.Version> published = versions.published();
        for (ProgramVersions.Version had : published) {
            if (Arrays.equals(had.program().source().toBuilder().clearVersion().build().toByteArray(), bytes)) {
                long inForce = published.get(published.size() - 1).number();
                if (had.number() != inForce) {
                    LOG.info("The program file is version {}; version {}, applied since, stays in force", had.number(),
                            inForce);
                }
                return inForce;
            }
        }
        long effectiveFrom = published.isEmpty() ? 0 : Math.max(nowMillis, published.get(published.size() - 1).effectiveFromMillis());
        CountDownLatch done = new CountDownLatch(1);
        ResultCode[] result = new ResultCode[1];
        long[] version = new long[1];
        ReplyTarget target = slot -> {
            result[0] = slot.result;
            version[0] = slot.programVersion;
            done.countDown();
        };
        long sequence;
        while ((sequence = publisher.tryClaim()) == CommandPublisher.RING_FULL) {
            Thread.onSpinWait();
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.PROGRAM_CHANGE);
        slot.eventId = "program-file-" + Long.toHexString(Hash64.finish(Hash64.mix(Hash64.EMPTY, bytes)))
                + "-" + effectiveFrom;
        slot.occurredAtMillis = effectiveFrom;
        slot.programBytes = bytes;
        slot.reply = target;
        publisher.publish(sequence);
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the program file was not applied within 30 s");
        }
        if (result[0] != ResultCode.OK) {
            throw new IllegalStateException("the program file was not applied: " + result[0]);
        }
        return version[0];
    }
}
