package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin's tier floor, through the MemberAdmin API of a real engine. */
class MemberAdminTest {
    /** The test purchases happen at TestData.OCCURRED_AT; the floor holds a week past it. */
    private static final Instant FLOOR_UNTIL = TestData.OCCURRED_AT.plus(Duration.ofDays(7));

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;

    @BeforeEach
    void start() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder()
                .setEventId("with-gold")
                .setProgram(TestPrograms.baseOnly()
                        .addTiers(Tier.newBuilder().setId("gold").setName("Gold").setThreshold(100_000).setEarnMultiplierBp(20_000)))
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1))
                .build()));
        member = byId(client.enrol(TestData.enrol().build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aTierFloorGivesTheTiersBenefitsUntilItsDate() {
        assertEquals(10, client.purchase(TestData.purchase(member, 1_000).build()).getPointsEarned(), "entry tier: 1x");

        ok(client.call(MemberAdminGrpcClient.SetTierFloor, floor("goodwill-1", 1, FLOOR_UNTIL)));

        assertEquals(20, client.purchase(TestData.purchase(member, 1_000).build()).getPointsEarned(), "gold: 2x");
        assertEquals(10, client.purchase(TestData.purchase(member, 1_000)
                .setOccurredAt(TestData.timestamp(FLOOR_UNTIL.plusSeconds(1))).build()).getPointsEarned(),
                "after the floor's date: back to 1x");
    }

    @Test
    void tierZeroRemovesTheFloor() {
        ok(client.call(MemberAdminGrpcClient.SetTierFloor, floor("goodwill-1", 1, FLOOR_UNTIL)));
        ok(client.call(MemberAdminGrpcClient.SetTierFloor, floor("goodwill-2", 0, FLOOR_UNTIL)));

        assertEquals(10, client.purchase(TestData.purchase(member, 1_000).build()).getPointsEarned());
    }

    @Test
    void aTierTheProgramDoesNotHaveIsRefusedAndChangesNothing() {
        Balance before = client.balance(member);

        GrpcTestClient.Reply<Balance> reply = client.call(MemberAdminGrpcClient.SetTierFloor, floor("x", 7, FLOOR_UNTIL));

        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status());
        assertTrue(reply.message().contains("tier"), reply.message());
        assertEquals(before, client.balance(member));
    }

    @Test
    void anUnknownMemberIsNotFound() {
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MemberAdminGrpcClient.SetTierFloor,
                floor("x", 1, FLOOR_UNTIL).toBuilder().setMember(byId(999)).build()).status());
    }

    @Test
    void aRetriedTierFloorAnswersAsTheFirstAndAnotherFloorUnderItsEventIdIsAlreadyExists() {
        SetTierFloorRequest once = floor("goodwill-1", 1, FLOOR_UNTIL);

        Balance first = ok(client.call(MemberAdminGrpcClient.SetTierFloor, once));
        Balance retry = ok(client.call(MemberAdminGrpcClient.SetTierFloor, once));

        assertEquals(first, retry);
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(MemberAdminGrpcClient.SetTierFloor,
                floor("goodwill-1", 0, FLOOR_UNTIL)).status());
    }

    @Test
    void missingFieldsAreNamed() {
        assertInvalid(floor("", 1, FLOOR_UNTIL), "event_id");
        assertInvalid(floor("x", 1, FLOOR_UNTIL).toBuilder().clearUntil().build(), "until");
        assertInvalid(floor("x", 1, FLOOR_UNTIL).toBuilder().setAdmin("").build(), "admin");
        assertInvalid(floor("x", 1, FLOOR_UNTIL).toBuilder().setReason("").build(), "reason");
        assertInvalid(floor("x", 1, FLOOR_UNTIL).toBuilder().clearMember().build(), "member");
    }

    private void assertInvalid(SetTierFloorRequest request, String field) {
        GrpcTestClient.Reply<Balance> reply = client.call(MemberAdminGrpcClient.SetTierFloor, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().contains(field), reply.message());
    }

    private SetTierFloorRequest floor(String eventId, int tier, Instant until) {
        return SetTierFloorRequest.newBuilder()
                .setEventId(eventId)
                .setMember(member)
                .setTier(tier)
                .setUntil(TestData.timestamp(until))
                .setAdmin("admin-anna")
                .setReason("status match from a competitor")
                .build();
    }
}
