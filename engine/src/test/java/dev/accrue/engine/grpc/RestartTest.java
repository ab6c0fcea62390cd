package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing the engine and starting another on the same data directory loses nothing. */
class RestartTest {
    @TempDir
    Path dataDirectory;

    @Test
    void balancesMembersAndSequencesSurviveARestart() throws Exception {
        List<Balance> before = new ArrayList<>();
        long lastSequence;
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            for (int m = 1; m <= 3; m++) {
                EnrolReply member = client.enrol(enrol().setCardNumber("RESTART-" + m).setPhone("+42060100000" + m).build());
                assertEquals(m, member.getMemberId());
            }
            for (int i = 0; i < 30; i++) {
                client.purchase(purchase(byCard("RESTART-" + (1 + i % 3)), 1_000L + i * 37).build());
            }
            PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(1);
            for (int i = 0; i < 300; i++) {
                batch.addPurchases(purchase(byId(1 + i % 3), 250));
            }
            client.streamPurchases(List.of(batch.build()));
            for (int m = 1; m <= 3; m++) {
                before.add(client.balance(byId(m)));
            }
            lastSequence = engine.state().counters().lastSequence();
            assertEquals(1 + 1 + 3 + 30 + 300, lastSequence,
                    "the start's clock tick, the program file's version, 3 enrolments, 330 purchases");
        }

        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(3, engine.state().counters().memberCount());
            for (int m = 1; m <= 3; m++) {
                assertEquals(before.get(m - 1), client.balance(byId(m)), "member " + m + " by id");
                assertEquals(before.get(m - 1), client.balance(byCard("RESTART-" + m)), "member " + m + " by card");
                assertEquals(before.get(m - 1), client.balance(byPhone("+42060100000" + m)), "member " + m + " by phone");
            }
            // Read after calls through the ring: the start does not wait for its clock tick.
            assertEquals(lastSequence + 1, engine.state().counters().lastSequence(), "this start's clock tick");

            PurchaseReceipt next = client.purchase(purchase(byCard("RESTART-2"), 500).build());
            EnrolReply fourth = client.enrol(enrolWithCard("RESTART-4").build());

            assertEquals(lastSequence + 2, next.getSequence(), "the sequence continues where it stopped");
            assertEquals(before.get(1).getAvailable() + 5, next.getBalance());
            assertEquals(4, fourth.getMemberId(), "member ids continue");
            assertTrue(fourth.getSequence() > next.getSequence());
        }

        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            assertEquals(4, engine.state().counters().memberCount());
            assertEquals(4, client.balance(byCard("RESTART-4")).getMemberId());
            assertEquals(lastSequence + 1 + 2 + 1, engine.state().counters().lastSequence(), "tick, purchase, enrolment, tick");
        }
    }
}
