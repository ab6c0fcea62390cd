package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch with more valid events than the ring has slots can never be claimed; it says so. */
class OversizedBatchTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aBatchLargerThanTheRingIsRefusedWithAMessageSayingWhatToChange() throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setRingSize(16));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            long member = client.enrol(enrol().build()).getMemberId();
            PurchaseBatch.Builder tooBig = PurchaseBatch.newBuilder().setBatchId(1);
            PurchaseBatch.Builder fits = PurchaseBatch.newBuilder().setBatchId(2);
            for (int i = 0; i < 20; i++) {
                tooBig.addPurchases(purchase(byId(member), 1_000));
            }
            for (int i = 0; i < 10; i++) {
                fits.addPurchases(purchase(byId(member), 1_000));
            }

            List<PurchaseBatchAck> acks = client.streamPurchases(List.of(tooBig.build(), fits.build()));

            for (PurchaseResult result : acks.get(0).getResultsList()) {
                assertEquals(Outcome.OUTCOME_RESOURCE_EXHAUSTED, result.getOutcome());
                assertTrue(result.getError().contains("raise ring.size"), result.getError());
            }
            for (PurchaseResult result : acks.get(1).getResultsList()) {
                assertEquals(Outcome.OUTCOME_OK, result.getOutcome(), result.getError());
            }
            assertEquals(100, client.balance(byId(member)).getAvailable(), "only the batch that fits was applied");
        }
    }
}
