package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends batches but does not read its acks must be slowed down: the server stops
 * reading its batches instead of buffering acks without bound. Once it reads again, every batch
 * is acked and applied.
 */
class SlowAckReaderTest {
    private static final int BATCHES = 2_000;
    private static final int PER_BATCH = 100;

    @TempDir
    Path dataDirectory;

    @Test
    void aClientThatStopsReadingAcksIsStoppedFromSendingUntilItReadsAgain() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory));
             GrpcTestClient helper = new GrpcTestClient(engine.grpcPort())) {
            long member = helper.enrol(enrol().build()).getMemberId();
            PurchaseBatch.Builder template = PurchaseBatch.newBuilder();
            GrpcClient client = GrpcClient.client(vertx);
            GrpcClientRequest<PurchaseBatch, PurchaseBatchAck> request = client
                    .request(SocketAddress.inetSocketAddress(engine.grpcPort(), "127.0.0.1"), PurchasesGrpcClient.StreamPurchases)
                    .await(10, TimeUnit.SECONDS);
            List<PurchaseBatchAck> acks = new CopyOnWriteArrayList<>();
            Promise<GrpcClientResponse<PurchaseBatch, PurchaseBatchAck>> response = Promise.promise();
            Promise<Void> ended = Promise.promise();
            request.response().onSuccess(resp -> {
                resp.pause();
                resp.handler(acks::add);
                resp.endHandler(ended::complete);
                response.complete(resp);
            });

            int sent = 0;
            long stalledSince = 0;
            while (sent < BATCHES) {
                if (request.writeQueueFull()) {
                    if (stalledSince == 0) {
                        stalledSince = System.nanoTime();
                    } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(2)) {
                        break; // the server has stopped taking batches
                    }
                    Thread.sleep(10);
                    continue;
                }
                stalledSince = 0;
                request.write(batch(template, sent++, member));
            }
            assertTrue(sent < BATCHES, "the server kept reading all " + sent + " batches from a client that reads no acks");
            assertTrue(acks.isEmpty());

            response.future().await(10, TimeUnit.SECONDS).resume();
            while (sent < BATCHES) {
                if (request.writeQueueFull()) {
                    Thread.sleep(1);
                    continue;
                }
                request.write(batch(template, sent++, member));
            }
            request.end();
            ended.future().await(60, TimeUnit.SECONDS);

            assertEquals(BATCHES, acks.size());
            for (int b = 0; b < BATCHES; b++) {
                assertEquals(b, acks.get(b).getBatchId());
            }
            assertEquals((long) BATCHES * PER_BATCH, helper.balance(byId(member)).getAvailable());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static PurchaseBatch batch(PurchaseBatch.Builder template, int id, long member) {
        template.clear().setBatchId(id);
        for (int i = 0; i < PER_BATCH; i++) {
            template.addPurchases(purchase(byId(member), 100));
        }
        return template.build();
    }
}
