package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.app.EngineOptions;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.pipeline.CommandPipeline;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.pipeline.WaitStrategyKind;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.journal.JournalHandler;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestPipelines;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.accrue.engine.testing.GrpcTestClient.await;
import static dev.accrue.engine.testing.TestData.balance;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static dev.accrue.engine.testing.TestData.redeem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RESOURCE_EXHAUSTED: a full ring, and a member store at capacity. */
class ResourceExhaustedTest {
    @TempDir
    Path dataDirectory;

    /**
     * The engine's real endpoints and pipeline behind a real gRPC server, assembled here so the
     * test can hold the ring full: a command whose reply blocks on a latch stops the last stage,
     * and slots are freed only once replied to.
     */
    @Test
    void everyCallIsRefusedWhileTheRingIsFullAndNothingChanges() throws Exception {
        EngineState state = TestPipelines.state(dataDirectory, 1_000);
        JournalHandler journal = TestPipelines.journal(dataDirectory);
        LoyaltyProcessor processor = TestPipelines.processor(state, journal);
        CommandPipeline pipeline = new CommandPipeline(4, WaitStrategyKind.BLOCKING, journal, processor).start();
        CommandPublisher publisher = pipeline.publisher();
        Vertx vertx = Vertx.vertx();
        CountDownLatch release = new CountDownLatch(1);
        try {
            // As in the engine's verticles: the server listens from one context, whose outbox
            // carries the replies back to it.
            Context context = vertx.getOrCreateContext();
            ContextOutbox outbox = new ContextOutbox(context);
            HttpServer server = await(Future.<HttpServer>future(listening -> context.runOnContext(ignored -> {
                GrpcServer grpc = GrpcServer.server(vertx)
                        .addService(new PurchasesEndpoint(publisher, processor.programs(), 8_192, outbox))
                        .addService(new MembersEndpoint(publisher, outbox))
                        .addService(new RedemptionsEndpoint(publisher, 8_192, outbox));
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                        .requestHandler(grpc).listen().onComplete(listening);
            })));
            try (GrpcTestClient client = new GrpcTestClient(server.actualPort())) {
                long member = client.enrol(enrolWithCard("FULL-RING").build()).getMemberId();
                client.purchase(purchase(byId(member), 10_000).build());
                Balance before = client.balance(byId(member));
                long sequenceBefore = state.counters().lastSequence();

                int held = fillTheRing(publisher, member, release);
                assertEquals(4, held, "the whole ring is held");

                Purchase retried = purchase(byCard("FULL-RING"), 5_000).build();
                assertSaturated(client.call(PurchasesGrpcClient.RecordPurchase, retried));
                assertSaturated(client.call(MembersGrpcClient.Enrol, enrolWithCard("FULL-RING-2").build()));
                assertSaturated(client.call(MembersGrpcClient.GetBalance, balance(byId(member))));
                assertEquals(GrpcStatus.INVALID_ARGUMENT, client.call(PurchasesGrpcClient.RecordPurchase,
                        purchase(byId(member), -1).build()).status(), "validation still comes first");
                PurchaseBatchAck ack = client.streamPurchases(List.of(PurchaseBatch.newBuilder().setBatchId(9)
                        .addPurchases(purchase(byId(member), 100).setEventId("full-1"))
                        .addPurchases(purchase(byId(member), 100).setEventId("full-2").setCurrency("SEK"))
                        .addPurchases(purchase(byId(member), 100).setEventId("full-3"))
                        .build())).get(0);
                assertEquals(9, ack.getBatchId());
                assertEquals(Outcome.OUTCOME_RESOURCE_EXHAUSTED, ack.getResults(0).getOutcome());
                assertEquals(Outcome.OUTCOME_INVALID_ARGUMENT, ack.getResults(1).getOutcome());
                assertEquals(Outcome.OUTCOME_RESOURCE_EXHAUSTED, ack.getResults(2).getOutcome());
                assertEquals(Statuses.RING_FULL_MESSAGE, ack.getResults(2).getError());
                RedeemBatchAck redeemAck = client.streamRedemptions(List.of(RedeemBatch.newBuilder().setBatchId(10)
                        .addRedemptions(redeem(byId(member), 10).setEventId("full-redeem-1"))
                        .addRedemptions(redeem(byId(member), 0).setEventId("full-redeem-2"))
                        .build())).get(0);
                assertEquals(Outcome.OUTCOME_RESOURCE_EXHAUSTED, redeemAck.getResults(0).getOutcome());
                assertEquals(Statuses.RING_FULL_MESSAGE, redeemAck.getResults(0).getError());
                assertEquals(Outcome.OUTCOME_INVALID_ARGUMENT, redeemAck.getResults(1).getOutcome(), "validation still comes first");

                release.countDown();

                Balance after = untilNotSaturated(() -> client.call(MembersGrpcClient.GetBalance, balance(byId(member)))).value();
                assertEquals(before, after, "no refused call changed the member");
                assertEquals(sequenceBefore, state.counters().lastSequence(), "no refused call took a sequence");
                assertEquals(1, state.counters().memberCount());
                PurchaseReceipt receipt = untilNotSaturated(() -> client.call(PurchasesGrpcClient.RecordPurchase, retried)).value();
                assertEquals(before.getAvailable() + 50, receipt.getBalance(), "the retry is applied once");
            }
        } finally {
            release.countDown();
            vertx.close().await(30, TimeUnit.SECONDS);
            pipeline.close();
            state.close();
        }
    }

    /** Publishes read-only commands until the ring is full; the first one's reply blocks until released. */
    private static int fillTheRing(CommandPublisher publisher, long member, CountDownLatch release) throws InterruptedException {
        CountDownLatch blocking = new CountDownLatch(1);
        long sequence = publisher.tryClaim();
        CommandSlot first = publisher.slot(sequence);
        first.reset(CommandType.GET_BALANCE);
        first.memberId = member;
        first.reply = slot -> {
            blocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        publisher.publish(sequence);
        assertTrue(blocking.await(30, TimeUnit.SECONDS), "the reply stage took the blocking command");
        int held = 1;
        while ((sequence = publisher.tryClaim()) != CommandPublisher.RING_FULL) {
            CommandSlot slot = publisher.slot(sequence);
            slot.reset(CommandType.GET_BALANCE);
            slot.memberId = member;
            publisher.publish(sequence);
            held++;
        }
        return held;
    }

    private static void assertSaturated(Reply<?> reply) {
        assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, reply.status(), reply.message());
        assertEquals(Statuses.RING_FULL_MESSAGE, reply.message());
    }

    /** Retries while the ring is still draining, as a client is told to; bounded. */
    private static <T> Reply<T> untilNotSaturated(java.util.function.Supplier<Reply<T>> call) throws InterruptedException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            Reply<T> reply = call.get();
            if (reply.status() != GrpcStatus.RESOURCE_EXHAUSTED) {
                GrpcTestClient.ok(reply);
                return reply;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the ring never drained");
    }

    @Test
    void aLargerCapacityConfiguredLaterDoesNotLetEnrolmentsPastTheMapsRealSize() throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setMemberCapacity(2));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            client.enrol(enrolWithCard("GROW-1").build());
            client.enrol(enrolWithCard("GROW-2").build());
        }

        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setMemberCapacity(1_000));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            Reply<?> refused = client.call(MembersGrpcClient.Enrol, enrolWithCard("GROW-3").build());

            assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, refused.status(), refused.message());
            assertEquals(2, engine.state().members().capacity(), "the capacity the state was created with");
            assertEquals(2, engine.state().counters().memberCount());
            assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("GROW-3"))).status());
        }
    }

    @Test
    void enrollingBeyondTheMemberCapacityIsResourceExhaustedAndChangesNothing() throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setMemberCapacity(2));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            client.enrol(enrolWithCard("CAP-1").build());
            long second = client.enrol(enrolWithCard("CAP-2").build()).getMemberId();
            long sequenceBefore = engine.state().counters().lastSequence();

            Reply<?> refused = client.call(MembersGrpcClient.Enrol, enrolWithCard("CAP-3").build());

            assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, refused.status());
            assertTrue(refused.message().contains("members.capacity"), refused.message());
            assertEquals(2, engine.state().counters().memberCount());
            assertEquals(sequenceBefore + 1, engine.state().counters().lastSequence(), "journaled, so a replay refuses it too");
            assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("CAP-3"))).status());
            assertEquals(second, client.purchase(purchase(byCard("CAP-2"), 100).build()).getMemberId(),
                    "enrolled members still earn");
        }
    }

    /**
     * Many concurrent calls into a ring of two slots on the real engine. How many are refused
     * depends on timing, so the test asserts only what must hold whatever the timing: every call is
     * either applied or refused as saturated, and what was applied is applied exactly once.
     */
    @Test
    void floodingATinyRingRefusesOnlyAsSaturatedAndAppliesTheRestExactly() throws Exception {
        try (AccrueEngine engine = AccrueEngine.start(TestEngines.options(dataDirectory).setRingSize(2));
             GrpcTestClient client = new GrpcTestClient(engine.grpcPort())) {
            long member = untilNotSaturated(() -> client.call(MembersGrpcClient.Enrol, enrol().build())).value().getMemberId();
            long sequenceBefore = engine.state().counters().lastSequence();
            int calls = 400;
            List<Future<Reply<PurchaseReceipt>>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(client.callAsync(PurchasesGrpcClient.RecordPurchase, purchase(byId(member), 100L * (1 + i % 7)).build()));
            }

            long points = 0;
            int applied = 0;
            int refused = 0;
            Set<Long> sequences = new HashSet<>();
            for (int i = 0; i < calls; i++) {
                Reply<PurchaseReceipt> reply = await(futures.get(i));
                if (reply.status() == GrpcStatus.OK) {
                    applied++;
                    points += 1 + i % 7;
                    assertEquals(1 + i % 7, reply.value().getPointsEarned());
                    assertTrue(sequences.add(reply.value().getSequence()), "sequence numbers are unique");
                } else {
                    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, reply.status(), reply.message());
                    refused++;
                }
            }
            System.out.println("ResourceExhaustedTest flood: " + applied + " applied, " + refused + " refused as saturated");

            Balance balance = untilNotSaturated(() -> client.call(MembersGrpcClient.GetBalance, balance(byId(member)))).value();
            assertEquals(points, balance.getAvailable());
            assertEquals(sequenceBefore + applied, engine.state().counters().lastSequence());
            assertEquals(sequenceBefore + applied, balance.getLastSequence());
        }
    }
}
