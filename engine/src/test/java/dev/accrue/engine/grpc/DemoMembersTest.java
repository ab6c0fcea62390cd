package dev.accrue.engine.grpc;

import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.RulePoints;
import java.util.Map;
import java.util.stream.Collectors;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.app.EngineOptions;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.testing.TestData.balance;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded demo: a new data directory is seeded with members DEMO-0001..DEMO-0003. */
class DemoMembersTest {
    @TempDir
    Path dataDirectory;

    @Test
    void theDefaultOptionsEnrolTheDemoMembers() throws Exception {
        EngineOptions options = new EngineOptions().setGrpcHost("127.0.0.1").setGrpcPort(0).setDataDirectory(dataDirectory);
        try (AccrueEngine engine = AccrueEngine.start(options);
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            String[] shoppers = {"demo-anna", "demo-ben", "demo-clara"};
            for (int m = 1; m <= 3; m++) {
                Balance byTheCard = client.balance(byCard(String.format("DEMO-%04d", m)));
                assertEquals(m, byTheCard.getMemberId());
                assertEquals(0, byTheCard.getAvailable());
                // The engine journals a clock tick and the program at start, before the demo enrolments.
                assertEquals(m + 2, byTheCard.getLastSequence(), "enrolled in card order");
                assertEquals(byTheCard, client.balance(byEshop(shoppers[m - 1])));
                assertEquals(byTheCard, client.balance(byPhone("+42060100000" + m)));
            }
            assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("DEMO-0004"))).status());
            assertEquals(3, engine.state().counters().memberCount());
            // Demo members earn under the demo program (config/program.json): base points and the
            // welcome bonus at least, each named in the receipt.
            PurchaseReceipt receipt = client.purchase(purchase(byCard("DEMO-0002"), 1_234).build());
            Map<String, Long> byRule = receipt.getEarnedByRuleList().stream()
                    .collect(Collectors.toMap(RulePoints::getRuleId, RulePoints::getPoints));
            assertEquals(12, byRule.get("base"));
            assertEquals(250, byRule.get("welcome-250"));
            assertEquals(receipt.getPointsEarned(), byRule.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(receipt.getPointsEarned(), receipt.getBalance());
        }
    }

    @Test
    void aDataDirectoryWithMembersIsNotSeeded() throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            client.enrol(enrolWithCard("EXISTING").build());
        }

        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setSeedDemoMembers(true));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(1, engine.state().counters().memberCount());
            assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("DEMO-0001"))).status());
        }
    }

    @Test
    void restartingTheDemoDoesNotEnrolTheMembersAgain() throws Exception {
        EngineOptions options = TestEngines.options(dataDirectory).setSeedDemoMembers(true);
        try (AccrueEngine engine = AccrueEngine.start(options)) {
            assertEquals(3, engine.state().counters().memberCount());
        }

        try (AccrueEngine engine = AccrueEngine.start(options);
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(3, engine.state().counters().memberCount());
            // The start does not wait for its clock tick: a call through the ring comes after it.
            assertEquals(1, client.balance(byCard("DEMO-0001")).getMemberId());
            // A clock tick at each start; the program and the three enrolments at the first only.
            assertEquals(1 + 1 + 3 + 1, engine.state().counters().lastSequence());
        }
    }
}
