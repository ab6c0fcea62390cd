package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.MemberRequests;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.EventKind;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.RulePoints;
import dev.accrue.loyalty.v1.SubscribeRequest;
import dev.accrue.loyalty.v1.Wallet;
import dev.accrue.loyalty.v1.WalletGrant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Member events for what admins do and for wallet grants: a CRM following the stream sees them too. */
class AdminEventsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;
    private MemberRef bob;

    @BeforeEach
    void start() throws Exception {
        Path program = TestPrograms.write(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-passes.json"),
                TestPrograms.baseOnly()
                        .addWallets(Wallet.newBuilder().setId("swim"))
                        .addWalletGrants(WalletGrant.newBuilder().setSku("SWIM-10").setWallet("swim").setUnits(10))
                        .build());
        engine = AccrueEngine.start(TestEngines.options(dataDirectory).setProgramFile(program));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrol().build()).getMemberId());
        bob = byId(client.enrol(TestData.enrol().build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void anAdjustmentIsAnEventNamingTheAdminAndTheReason() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, MemberRequests.adjust(anna, 500)));

        MemberEvent event = client.subscribe(SubscribeRequest.newBuilder().setAfter(0)).next();

        assertEquals(EventKind.EVENT_KIND_POINTS_ADJUSTED, event.getKind());
        assertEquals(500, event.getPoints());
        assertEquals(MemberRequests.ADMIN, event.getAdmin());
        assertEquals(MemberRequests.REASON, event.getReason());
    }

    @Test
    void aMergeIsAnEventOfTheSurvivorNamingTheMergedMember() {
        ok(client.call(MemberAdminGrpcClient.MergeMembers, MemberRequests.merge(anna, bob)));

        MemberEvent event = client.subscribe(SubscribeRequest.newBuilder().setAfter(0)
                .addKinds(EventKind.EVENT_KIND_MEMBERS_MERGED)).next();

        assertEquals(anna.getMemberId(), event.getMemberId());
        assertEquals(bob.getMemberId(), event.getOtherMemberId());
        assertEquals(0, event.getPoints());
    }

    @Test
    void closingAMemberIsAForfeitEventForItsPoints() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, MemberRequests.adjust(anna, 70)));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, MemberRequests.status(anna, MemberStatus.MEMBER_STATUS_CLOSED)));

        MemberEvent event = client.subscribe(SubscribeRequest.newBuilder().setAfter(0)
                .addKinds(EventKind.EVENT_KIND_POINTS_FORFEITED)).next();

        assertEquals(-70, event.getPoints());
    }

    @Test
    void aPassBoughtIsACreditWhoseBreakdownNamesTheWallet() {
        client.purchase(TestData.purchase(anna, 5_000).clearLines()
                .addLines(LineItem.newBuilder().setSku("SWIM-10").setCategory("leisure").setQuantity(1).setAmountMinor(5_000))
                .build());

        MemberEvent credit = client.subscribe(SubscribeRequest.newBuilder().setAfter(0)
                .addKinds(EventKind.EVENT_KIND_POINTS_CREDITED)).next();

        assertEquals(List.of(rule("base", 50), rule("wallet:swim", 10)), credit.getEarnedByRuleList());
    }

    private static RulePoints rule(String id, long points) {
        return RulePoints.newBuilder().setRuleId(id).setPoints(points).build();
    }
}
