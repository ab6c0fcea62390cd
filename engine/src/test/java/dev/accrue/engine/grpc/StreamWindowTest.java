package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stream stops reading while a window of its events is in the engine and resumes as they are
 * answered. Small windows make it pause after nearly every batch; every batch must still be acked.
 */
class StreamWindowTest {
    @TempDir
    Path dataDirectory;

    @ParameterizedTest(name = "window of {0} events")
    @ValueSource(ints = {1, 2, 3, 250})
    void aStreamPausedByItsWindowResumesAndAcksEveryBatch(int windowEvents) throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setStreamWindowEvents(windowEvents));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            long member = client.enrol(enrol().build()).getMemberId();
            List<PurchaseBatch> batches = new ArrayList<>();
            for (int b = 0; b < 40; b++) {
                PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(b);
                for (int i = 0; i < 1 + b % 5 * 30; i++) {
                    batch.addPurchases(purchase(byId(member), 100));
                }
                batches.add(batch.build());
            }

            List<PurchaseBatchAck> acks = client.streamPurchases(batches);

            assertEquals(40, acks.size());
            long events = 0;
            for (int b = 0; b < 40; b++) {
                assertEquals(b, acks.get(b).getBatchId());
                assertEquals(batches.get(b).getPurchasesCount(), acks.get(b).getResultsCount());
                for (var result : acks.get(b).getResultsList()) {
                    assertEquals(Outcome.OUTCOME_OK, result.getOutcome(), result.getError());
                }
                events += batches.get(b).getPurchasesCount();
            }
            assertEquals(events, client.balance(byId(member)).getAvailable());
        }
    }
}
