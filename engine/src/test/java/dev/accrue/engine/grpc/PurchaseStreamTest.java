package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestSeeds;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamPurchases against a real engine: one ack per batch, in order, one result per event, in order. */
class PurchaseStreamTest {
    @TempDir
    static Path dataDirectory;
    static AccrueEngine engine;
    static GrpcTestClient client;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterAll
    static void stopEngine() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.close();
        }
        // Static fields outlive the class's tests: let the engine's direct buffers be collected
        // (the suite's forks share a 1 GiB direct-memory limit).
        client = null;
        engine = null;
    }

    /** What the test expects of one event it sends. */
    private record Expected(Outcome outcome, String errorField, long memberId, long points) {
    }

    /** Enrols {@code count} members with cards "{prefix}-i"; returns their ids. */
    private static long[] enrolMembers(String prefix, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = client.enrol(enrolWithCard(prefix + "-" + i).build()).getMemberId();
        }
        return ids;
    }

    private static final List<Map.Entry<String, UnaryOperator<Purchase.Builder>>> INVALID = List.of(
            Map.entry("currency", b -> b.setCurrency("SEK")),
            Map.entry("total_minor", b -> b.setTotalMinor(-5)),
            Map.entry("channel", b -> b.setChannel(Channel.CHANNEL_UNSPECIFIED)),
            Map.entry("occurred_at", Purchase.Builder::clearOccurredAt),
            Map.entry("member.member_id", b -> b.setMember(byId(0))),
            Map.entry("member.phone", b -> b.setMember(TestData.byPhone("12345"))),
            Map.entry("lines[0].quantity", b -> b.setLines(0, LineItem.newBuilder().setSku("S").setQuantity(0))),
            Map.entry("event_id", b -> b.setEventId("x".repeat(129))));

    @Test
    void mixedBatchesOnOneStreamAreAckedInOrderWithOneResultPerEvent() {
        long seed = TestSeeds.seed("PurchaseStreamTest.mixedBatches", "accrue.test.seed");
        SplittableRandom random = new SplittableRandom(seed);
        long[] members = enrolMembers("MIX", 5);
        List<PurchaseBatch> batches = new ArrayList<>();
        List<List<Expected>> expected = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(1_000 + b);
            List<Expected> expectations = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int m = random.nextInt(members.length);
                long total = random.nextLong(100_000);
                Purchase.Builder p = purchase(random.nextBoolean() ? byId(members[m]) : byCard("MIX-" + m), total)
                        .setEventId("mix-" + b + "-" + i);
                int roll = random.nextInt(100);
                if (roll < 15) {
                    var invalid = INVALID.get(random.nextInt(INVALID.size()));
                    invalid.getValue().apply(p);
                    expectations.add(new Expected(Outcome.OUTCOME_INVALID_ARGUMENT, invalid.getKey(), 0, 0));
                } else if (roll < 20) {
                    p.setMember(random.nextBoolean() ? byId(9_999_999) : byCard("NO-SUCH-CARD"));
                    expectations.add(new Expected(Outcome.OUTCOME_NOT_FOUND, null, 0, 0));
                } else {
                    expectations.add(new Expected(Outcome.OUTCOME_OK, null, members[m], total / 100));
                }
                batch.addPurchases(p);
            }
            // one event for an unknown member in every batch, whatever the dice said
            batch.setPurchases(100, purchase(byId(8_888_888), 1_000).setEventId("mix-" + b + "-100"));
            expectations.set(100, new Expected(Outcome.OUTCOME_NOT_FOUND, null, 0, 0));
            batches.add(batch.build());
            expected.add(expectations);
        }
        long sequenceBefore = engine.state().counters().lastSequence();

        List<PurchaseBatchAck> acks = client.streamPurchases(batches);

        assertEquals(3, acks.size(), "exactly one ack per batch");
        Map<Long, Long> balances = new HashMap<>();
        Map<Long, Long> lastSequences = new HashMap<>();
        long previousSequence = sequenceBefore;
        int ok = 0;
        int reachedEngine = 0;
        for (int b = 0; b < 3; b++) {
            PurchaseBatchAck ack = acks.get(b);
            assertEquals(1_000 + b, ack.getBatchId(), "acks come in batch order with the batch id echoed");
            assertEquals(200, ack.getResultsCount());
            for (int i = 0; i < 200; i++) {
                PurchaseResult result = ack.getResults(i);
                Expected want = expected.get(b).get(i);
                String where = "seed " + seed + ", batch " + b + ", event " + i;
                assertEquals(batches.get(b).getPurchases(i).getEventId(), result.getEventId(), where);
                assertEquals(want.outcome(), result.getOutcome(), () -> where + ": " + result.getError());
                if (want.outcome() != Outcome.OUTCOME_INVALID_ARGUMENT) {
                    reachedEngine++;
                }
                if (want.outcome() == Outcome.OUTCOME_OK) {
                    ok++;
                    assertEquals("", result.getError(), where);
                    assertEquals(want.memberId(), result.getReceipt().getMemberId(), where);
                    assertEquals(want.points(), result.getReceipt().getPointsEarned(), where);
                    long balance = balances.merge(want.memberId(), want.points(), Long::sum);
                    assertEquals(balance, result.getReceipt().getBalance(), where + ": running balance");
                    assertTrue(result.getReceipt().getSequence() > previousSequence, where + ": sequences increase in event order");
                    previousSequence = result.getReceipt().getSequence();
                    lastSequences.put(want.memberId(), previousSequence);
                } else {
                    assertFalse(result.hasReceipt(), where);
                    assertFalse(result.getError().isEmpty(), where);
                    if (want.errorField() != null) {
                        assertTrue(result.getError().startsWith(want.errorField() + " "), where + ": " + result.getError());
                    }
                }
            }
        }
        // Events refused by validation never reach the journal; events the engine refuses (unknown
        // member) are journaled, so a replay refuses them again, and take a journal position.
        assertEquals(sequenceBefore + reachedEngine, engine.state().counters().lastSequence(),
                "every event that reached the engine, and only those, has a journal position");
        assertTrue(ok > 0);
        for (long member : members) {
            Balance balance = client.balance(byId(member));
            assertEquals(balances.getOrDefault(member, 0L), balance.getAvailable(), "member " + member);
            assertEquals(balances.getOrDefault(member, 0L), balance.getLifetimeEarned(), "member " + member);
            if (lastSequences.containsKey(member)) {
                assertEquals(lastSequences.get(member), balance.getLastSequence(), "member " + member);
            }
        }
    }

    @Test
    void aBatchOverOneThousandEventsIsRefusedWholeAndChangesNothing() {
        long member = enrolMembers("BIG", 1)[0];
        client.purchase(purchase(byId(member), 1_000).build());
        Balance before = client.balance(byId(member));
        PurchaseBatch.Builder tooBig = PurchaseBatch.newBuilder().setBatchId(77);
        for (int i = 0; i < 1_001; i++) {
            tooBig.addPurchases(purchase(byId(member), 10_000).setEventId("big-" + i));
        }
        PurchaseBatch afterIt = PurchaseBatch.newBuilder().setBatchId(78)
                .addPurchases(purchase(byId(member), 500).setEventId("after-big")).build();

        List<PurchaseBatchAck> acks = client.streamPurchases(List.of(tooBig.build(), afterIt));

        assertEquals(2, acks.size());
        PurchaseBatchAck refused = acks.get(0);
        assertEquals(77, refused.getBatchId());
        assertEquals(1_001, refused.getResultsCount());
        for (int i = 0; i < 1_001; i++) {
            PurchaseResult result = refused.getResults(i);
            assertEquals("big-" + i, result.getEventId());
            assertEquals(Outcome.OUTCOME_INVALID_ARGUMENT, result.getOutcome());
            assertTrue(result.getError().startsWith("purchases "), result.getError());
            assertFalse(result.hasReceipt());
        }
        assertEquals(78, acks.get(1).getBatchId());
        assertEquals(Outcome.OUTCOME_OK, acks.get(1).getResults(0).getOutcome(), "the stream goes on after a refused batch");
        Balance after = client.balance(byId(member));
        assertEquals(before.getAvailable() + 5, after.getAvailable());
        assertEquals(acks.get(1).getResults(0).getReceipt().getSequence(), after.getLastSequence());
    }

    @Test
    void aBatchOfExactlyOneThousandEventsIsAccepted() {
        long member = enrolMembers("FULL", 1)[0];
        PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(1);
        for (int i = 0; i < 1_000; i++) {
            batch.addPurchases(purchase(byId(member), 100));
        }

        List<PurchaseBatchAck> acks = client.streamPurchases(List.of(batch.build()));

        assertEquals(1_000, acks.get(0).getResultsCount());
        assertTrue(acks.get(0).getResultsList().stream().allMatch(r -> r.getOutcome() == Outcome.OUTCOME_OK));
        assertEquals(1_000, client.balance(byId(member)).getAvailable());
    }

    @Test
    void manyLargeBatchesSentQuicklyAreAllAcked() {
        long[] members = enrolMembers("FLOOD", 10);
        int batchCount = 50;
        int batchSize = 500;
        List<PurchaseBatch> batches = new ArrayList<>();
        long[] expected = new long[members.length];
        for (int b = 0; b < batchCount; b++) {
            PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(b);
            for (int i = 0; i < batchSize; i++) {
                int m = (b * batchSize + i) % members.length;
                long total = 100 + i;
                batch.addPurchases(purchase(byId(members[m]), total).setEventId("flood-" + b + "-" + i));
                expected[m] += total / 100;
            }
            batches.add(batch.build());
        }

        List<PurchaseBatchAck> acks = client.streamPurchases(batches);

        assertEquals(batchCount, acks.size());
        for (int b = 0; b < batchCount; b++) {
            PurchaseBatchAck ack = acks.get(b);
            assertEquals(b, ack.getBatchId());
            assertEquals(batchSize, ack.getResultsCount());
            for (int i = 0; i < batchSize; i++) {
                assertEquals("flood-" + b + "-" + i, ack.getResults(i).getEventId());
                assertEquals(Outcome.OUTCOME_OK, ack.getResults(i).getOutcome(), ack.getResults(i).getError());
            }
        }
        for (int m = 0; m < members.length; m++) {
            assertEquals(expected[m], client.balance(byId(members[m])).getAvailable(), "member " + members[m]);
        }
    }

    @Test
    void emptyBatchesAndRepeatedBatchIdsAreAckedAsSent() {
        long member = enrolMembers("EMPTY", 1)[0];
        List<PurchaseBatch> batches = List.of(
                PurchaseBatch.newBuilder().setBatchId(42).build(),
                PurchaseBatch.newBuilder().setBatchId(7).addPurchases(purchase(byId(member), 300)).build(),
                PurchaseBatch.newBuilder().setBatchId(42).build());

        List<PurchaseBatchAck> acks = client.streamPurchases(batches);

        assertEquals(List.of(42L, 7L, 42L), acks.stream().map(PurchaseBatchAck::getBatchId).toList());
        assertEquals(0, acks.get(0).getResultsCount());
        assertEquals(1, acks.get(1).getResultsCount());
        assertEquals(0, acks.get(2).getResultsCount());
    }

    @Test
    void aStreamThatSendsNothingEndsWithNoAcks() {
        assertEquals(List.of(), client.streamPurchases(List.of()));
    }

    @Test
    void aBatchOfOnlyInvalidEventsIsAckedWithoutReachingTheEngine() {
        long sequenceBefore = engine.state().counters().lastSequence();
        PurchaseBatch batch = PurchaseBatch.newBuilder().setBatchId(5)
                .addPurchases(purchase(byId(1), 100).setCurrency("XXQ").setEventId("bad-1"))
                .addPurchases(purchase(byId(1), 100).clearStoreId().setEventId("bad-2"))
                .build();

        List<PurchaseBatchAck> acks = client.streamPurchases(List.of(batch));

        assertEquals(1, acks.size());
        assertTrue(acks.get(0).getResults(0).getError().startsWith("currency "));
        assertTrue(acks.get(0).getResults(1).getError().startsWith("store_id "));
        assertEquals(sequenceBefore, engine.state().counters().lastSequence());
    }
}
