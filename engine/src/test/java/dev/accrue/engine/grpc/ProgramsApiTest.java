package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.GetProgramRequest;
import dev.accrue.loyalty.v1.ListProgramVersionsRequest;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ProgramValidation;
import dev.accrue.loyalty.v1.ProgramVersion;
import dev.accrue.loyalty.v1.ProgramVersionList;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.Tier;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Programs admin API against a real engine on a random port. */
class ProgramsApiTest {
    /** One day before the test purchases' time: the new version is in force for them. */
    private static final Instant CHANGE_AT = TestData.OCCURRED_AT.minus(Duration.ofDays(1));

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void theProgramFileIsTheFirstVersionInForceFromTheBeginning() {
        ProgramVersion current = ok(client.call(ProgramsGrpcClient.GetProgram, GetProgramRequest.getDefaultInstance()));

        assertEquals(1, current.getVersion());
        assertEquals(0, current.getEffectiveFrom().getSeconds());
        assertEquals(TestPrograms.baseOnly().setVersion(1).build(), current.getProgram());
    }

    @Test
    void validationListsEveryProblemNamingItsField() {
        Program broken = TestPrograms.baseOnly()
                .addTiers(Tier.newBuilder().setId("gold").setName("Gold").setThreshold(-5))
                .setTimeZone("Mars/Olympus")
                .build();

        ProgramValidation validation = ok(client.call(ProgramsGrpcClient.ValidateProgram, broken));

        assertFalse(validation.getValid());
        assertTrue(validation.getProblemsList().stream().anyMatch(p -> p.startsWith("time_zone")), validation.toString());
        assertTrue(validation.getProblemsList().stream().anyMatch(p -> p.startsWith("tiers[1]")), validation.toString());
        assertTrue(ok(client.call(ProgramsGrpcClient.ValidateProgram, TestPrograms.baseOnly().build())).getValid());
    }

    @Test
    void anAppliedVersionJudgesTheEventsDatedAfterItsEffectiveTimeOnly() {
        long member = client.enrol(TestData.enrol().build()).getMemberId();

        ProgramVersion applied = ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("double-points", doubled(), CHANGE_AT)));

        assertEquals(2, applied.getVersion());
        assertEquals(doubled().toBuilder().setVersion(2).build(), applied.getProgram());
        assertEquals(20, client.purchase(TestData.purchase(byId(member), 1_000).build()).getPointsEarned(),
                "dated after the change: 2 points per euro");
        assertEquals(10, client.purchase(TestData.purchase(byId(member), 1_000)
                        .setOccurredAt(timestamp(CHANGE_AT.minusSeconds(1))).build()).getPointsEarned(),
                "dated before it (a late till): 1 point per euro, as then");
        assertEquals(2, versions().getVersionsCount());
    }

    @Test
    void anInvalidProgramIsRefusedNamingTheFieldAndChangesNothing() {
        Program invalid = TestPrograms.baseOnly().clearTiers().build();

        GrpcTestClient.Reply<ProgramVersion> reply = client.call(ProgramsGrpcClient.ApplyProgram,
                apply("no-tiers", invalid, CHANGE_AT));

        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status());
        assertTrue(reply.message().contains("tiers"), reply.message());
        assertEquals(1, versions().getVersionsCount());
    }

    @Test
    void aVersionEffectiveBeforeTheLatestIsRefusedAndChangesNothing() {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("first", doubled(), CHANGE_AT)));

        GrpcTestClient.Reply<ProgramVersion> reply = client.call(ProgramsGrpcClient.ApplyProgram,
                apply("earlier", TestPrograms.baseOnly().build(), CHANGE_AT.minusSeconds(60)));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status());
        assertTrue(reply.message().contains("effective_from"), reply.message());
        assertEquals(2, versions().getVersionsCount());
    }

    @Test
    void aRetryReturnsTheSameVersionAndAReusedEventIdIsRefused() {
        ProgramVersion first = ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("change-1", doubled(), CHANGE_AT)));

        ProgramVersion retry = ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("change-1", doubled(), CHANGE_AT)));
        GrpcTestClient.Reply<ProgramVersion> reused = client.call(ProgramsGrpcClient.ApplyProgram,
                apply("change-1", TestPrograms.baseOnly().build(), CHANGE_AT));

        assertEquals(first, retry);
        assertEquals(GrpcStatus.ALREADY_EXISTS, reused.status());
        assertEquals(2, versions().getVersionsCount());
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertRefused(apply("", doubled(), CHANGE_AT), "event_id");
        assertRefused(apply("x", doubled(), CHANGE_AT).toBuilder().clearProgram().build(), "program");
        assertRefused(apply("x", doubled(), CHANGE_AT).toBuilder().clearEffectiveFrom().build(), "effective_from");
        assertEquals(1, versions().getVersionsCount());
    }

    @Test
    void anUnknownVersionIsNotFound() {
        GrpcTestClient.Reply<ProgramVersion> reply = client.call(ProgramsGrpcClient.GetProgram,
                GetProgramRequest.newBuilder().setVersion(7).build());

        assertEquals(GrpcStatus.NOT_FOUND, reply.status());
    }

    @Test
    void aVersionAppliedThroughTheApiStaysInForceAcrossRestartsOfTheUnchangedFile() throws Exception {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("change-1", doubled(), CHANGE_AT)));
        stop();

        start();
        stop();
        start();

        // The file still holds version 1's program: the engine had it, so it is not applied again.
        ProgramVersionList list = versions();
        assertEquals(2, list.getVersionsCount());
        assertEquals(doubled().toBuilder().setVersion(2).build(),
                ok(client.call(ProgramsGrpcClient.GetProgram, GetProgramRequest.newBuilder().setVersion(2).build())).getProgram());
        assertEquals(TestPrograms.baseOnly().setVersion(1).build(),
                ok(client.call(ProgramsGrpcClient.GetProgram, GetProgramRequest.newBuilder().setVersion(1).build())).getProgram());
        assertEquals(2 * 25, client.purchase(TestData.purchase(TestData.byId(
                client.enrol(TestData.enrolWithCard("CARD-1").build()).getMemberId()), 25_00).build()).getPointsEarned(),
                "purchases earn under the admin's version");
    }

    @Test
    void anEditedProgramFileIsAppliedAtTheNextStartAsANewVersion() throws Exception {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, apply("change-1", doubled(), CHANGE_AT)));
        stop();
        Program edited = TestPrograms.baseOnly().setName("Edited program").build();

        engine = AccrueEngine.start(TestEngines.options(dataDirectory, edited));
        client = new GrpcTestClient(engine.grpcPort());

        ProgramVersionList list = versions();
        assertEquals(3, list.getVersionsCount());
        assertEquals("Edited program", list.getVersions(2).getName());
        stop();
        engine = AccrueEngine.start(TestEngines.options(dataDirectory, edited));
        client = new GrpcTestClient(engine.grpcPort());
        assertEquals(3, versions().getVersionsCount(), "restarting on the same file adds nothing");
    }

    private void assertRefused(ApplyProgramRequest request, String field) {
        GrpcTestClient.Reply<ProgramVersion> reply = client.call(ProgramsGrpcClient.ApplyProgram, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().contains(field), reply.message());
    }

    private ProgramVersionList versions() {
        return ok(client.call(ProgramsGrpcClient.ListProgramVersions, ListProgramVersionsRequest.getDefaultInstance()));
    }

    private static Program doubled() {
        return TestPrograms.baseOnly().clearBaseEarn().addBaseEarn(TestPrograms.rate("EUR", 2, 100)).build();
    }

    private static ApplyProgramRequest apply(String eventId, Program program, Instant effectiveFrom) {
        return ApplyProgramRequest.newBuilder()
                .setEventId(eventId)
                .setProgram(program)
                .setEffectiveFrom(timestamp(effectiveFrom))
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
