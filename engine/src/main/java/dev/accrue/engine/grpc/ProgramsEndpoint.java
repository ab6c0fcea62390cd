package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.rules.InvalidProgramException;
import dev.accrue.engine.rules.ProgramCompiler;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.GetProgramRequest;
import dev.accrue.loyalty.v1.ListProgramVersionsRequest;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ProgramValidation;
import dev.accrue.loyalty.v1.ProgramVersion;
import dev.accrue.loyalty.v1.ProgramVersionList;
import dev.accrue.loyalty.v1.ProgramVersionSummary;
import dev.accrue.loyalty.v1.ProgramsGrpcService;
import io.vertx.core.Completable;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

import java.util.List;

/**
 * The Programs admin service on one event loop. Reads answer from the versions the business
 * thread published (no trip through the ring); a change is validated here, in full, then
 * journaled and applied through the ring like any other mutating command.
 */
public final class ProgramsEndpoint extends ProgramsGrpcService {
    /** Far above any real program (the example is a few KiB), far below a journal record's 1 MiB. */
    static final int MAX_PROGRAM_BYTES = 512 * 1024;

    private final CommandPublisher publisher;
    private final ProgramVersions versions;
    private final ContextOutbox outbox;

    public ProgramsEndpoint(CommandPublisher publisher, ProgramVersions versions, ContextOutbox outbox) {
        this.publisher = publisher;
        this.versions = versions;
        this.outbox = outbox;
    }

    @Override
    protected void getProgram(GetProgramRequest request, Completable<ProgramVersion> response) {
        List<ProgramVersions.Version> published = versions.published();
        long wanted = request.getVersion() == 0 ? published.size() : request.getVersion();
        if (wanted < 1 || wanted > published.size()) {
            response.fail(new StatusException(GrpcStatus.NOT_FOUND, published.isEmpty()
                    ? "no program is loaded yet" : "version " + request.getVersion() + " does not exist (the latest is "
                    + published.size() + ")"));
            return;
        }
        response.succeed(message(published.get((int) wanted - 1)));
    }

    @Override
    protected void validateProgram(Program program, Completable<ProgramValidation> response) {
        List<String> problems = problems(program);
        response.succeed(ProgramValidation.newBuilder().setValid(problems.isEmpty()).addAllProblems(problems).build());
    }

    @Override
    protected void applyProgram(ApplyProgramRequest request, Completable<ProgramVersion> response) {
        String error = FieldRules.requiredText("event_id", request.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null && !request.hasProgram()) {
            error = "program is required";
        }
        if (error == null) {
            error = FieldRules.timestamp("effective_from", request.hasEffectiveFrom(), request.getEffectiveFrom());
        }
        Program program = request.getProgram().toBuilder().clearVersion().build();
        if (error == null && program.getSerializedSize() > MAX_PROGRAM_BYTES) {
            error = "program is " + program.getSerializedSize() + " bytes; at most " + MAX_PROGRAM_BYTES;
        }
        if (error == null) {
            List<String> problems = problems(program);
            if (!problems.isEmpty()) {
                error = "program is not valid: " + String.join("; ", problems);
            }
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.PROGRAM_CHANGE, slot -> {
            slot.eventId = request.getEventId();
            slot.occurredAtMillis = FieldRules.toMillis(request.getEffectiveFrom());
            slot.programBytes = program.toByteArray();
        }, this::applied);
    }

    @Override
    protected void listProgramVersions(ListProgramVersionsRequest request, Completable<ProgramVersionList> response) {
        ProgramVersionList.Builder list = ProgramVersionList.newBuilder();
        for (ProgramVersions.Version version : versions.published()) {
            list.addVersions(ProgramVersionSummary.newBuilder()
                    .setVersion(version.number())
                    .setEffectiveFrom(timestamp(version.effectiveFromMillis()))
                    .setName(version.program().name()));
        }
        response.succeed(list.build());
    }

    /** On the reply thread, after the business thread published the version it applied. */
    private ProgramVersion applied(CommandSlot slot) {
        return message(versions.published().get((int) slot.programVersion - 1));
    }

    private static ProgramVersion message(ProgramVersions.Version version) {
        return ProgramVersion.newBuilder()
                .setVersion(version.number())
                .setEffectiveFrom(timestamp(version.effectiveFromMillis()))
                .setProgram(version.program().source().toBuilder().setVersion(version.number()))
                .build();
    }

    private static List<String> problems(Program program) {
        try {
            ProgramCompiler.compile(program);
            return List.of();
        } catch (InvalidProgramException e) {
            return e.problems();
        }
    }

    private static Timestamp timestamp(long millis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
                .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
    }
}
