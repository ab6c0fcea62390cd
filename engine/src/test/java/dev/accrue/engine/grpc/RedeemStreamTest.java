package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedeemResult;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.await;
import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static dev.accrue.engine.testing.TestData.redeem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RedeemStream against a real engine: one ack per batch, in order, one result per redemption, in
 * order; each redemption applied or refused on its own exactly as Redeem would.
 */
class RedeemStreamTest {
    @TempDir
    static Path dataDirectory;
    static AccrueEngine engine;
    static GrpcTestClient client;
    static int members;

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

    /** A new member with a card "{prefix}-n" and {@code points} available (the test program: a point per 100 minor units). */
    private static MemberRef memberWith(String prefix, long points) {
        String card = prefix + "-" + ++members;
        long id = client.enrol(enrolWithCard(card).build()).getMemberId();
        client.purchase(purchase(byId(id), points * 100).build());
        return byId(id);
    }

    private static RedeemBatch batch(long batchId, RedeemRequest.Builder... redemptions) {
        RedeemBatch.Builder batch = RedeemBatch.newBuilder().setBatchId(batchId);
        for (RedeemRequest.Builder redemption : redemptions) {
            batch.addRedemptions(redemption);
        }
        return batch.build();
    }

    @Test
    void batchesOfRedemptionsAreAckedInOrderWithARunningBalance() {
        MemberRef anna = memberWith("ANNA", 1_000);
        MemberRef ben = memberWith("BEN", 1_000);
        List<RedeemBatch> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            RedeemBatch.Builder batch = RedeemBatch.newBuilder().setBatchId(500 + b);
            for (int i = 0; i < 40; i++) {
                batch.addRedemptions(redeem(i % 2 == 0 ? anna : ben, 1 + i % 10).setEventId("run-" + b + "-" + i));
            }
            batches.add(batch.build());
        }

        List<RedeemBatchAck> acks = client.streamRedemptions(batches);

        assertEquals(3, acks.size(), "exactly one ack per batch");
        long[] balances = {1_000, 1_000};
        long previousSequence = 0;
        for (int b = 0; b < 3; b++) {
            assertEquals(500 + b, acks.get(b).getBatchId(), "acks come in batch order with the batch id echoed");
            assertEquals(40, acks.get(b).getResultsCount());
            for (int i = 0; i < 40; i++) {
                RedeemResult result = acks.get(b).getResults(i);
                String where = "batch " + b + ", redemption " + i;
                assertEquals("run-" + b + "-" + i, result.getEventId(), where);
                assertEquals(Outcome.OUTCOME_OK, result.getOutcome(), () -> where + ": " + result.getError());
                assertEquals("", result.getError(), where);
                RedemptionReceipt receipt = result.getReceipt();
                balances[i % 2] -= 1 + i % 10;
                assertEquals((i % 2 == 0 ? anna : ben).getMemberId(), receipt.getMemberId(), where);
                assertEquals(1 + i % 10, receipt.getPointsRedeemed(), where);
                assertEquals(balances[i % 2], receipt.getBalance(), where + ": running balance");
                assertTrue(receipt.getSequence() > previousSequence, where + ": sequences increase in event order");
                previousSequence = receipt.getSequence();
            }
        }
        Balance annaAfter = client.balance(anna);
        assertEquals(balances[0], annaAfter.getAvailable());
        assertEquals(1_000 - balances[0], annaAfter.getLifetimeRedeemed());
        assertEquals(balances[1], client.balance(ben).getAvailable());
    }

    @Test
    void eachRefusalIsReportedOnItsOwnAndTheRestOfTheBatchIsApplied() {
        MemberRef member = memberWith("MIXED", 100);
        RedeemRequest.Builder first = redeem(member, 30).setEventId("mixed-0");
        RedeemBatch batch = batch(9,
                first,
                redeem(member, 80).setEventId("mixed-1"),                            // 70 left: too few
                redeem(byId(9_999_999), 5).setEventId("mixed-2"),                    // no such member
                redeem(byCard("NO-SUCH-CARD"), 5).setEventId("mixed-3"),             // no such card
                redeem(member, 0).setEventId("mixed-4"),                             // bad points
                redeem(member, 5).clearPartnerId().setEventId("mixed-5"),            // no partner
                redeem(member, 5).clearOccurredAt().setEventId("mixed-6"),           // no time
                redeem(member, 31).setEventId("mixed-0"),                            // mixed-0's id, other content
                redeem(member, 70).setEventId("mixed-8"));                           // exactly what is left
        long sequenceBefore = engine.state().counters().lastSequence();

        RedeemBatchAck ack = client.streamRedemptions(List.of(batch)).get(0);

        assertEquals(9, ack.getResultsCount());
        assertApplied(ack.getResults(0), "mixed-0", 30, 70);
        assertRefused(ack.getResults(1), "mixed-1", Outcome.OUTCOME_FAILED_PRECONDITION,
                Statuses.message(dev.accrue.engine.domain.ResultCode.INSUFFICIENT_POINTS));
        assertRefused(ack.getResults(2), "mixed-2", Outcome.OUTCOME_NOT_FOUND, "member not found");
        assertRefused(ack.getResults(3), "mixed-3", Outcome.OUTCOME_NOT_FOUND, "member not found");
        assertRefused(ack.getResults(4), "mixed-4", Outcome.OUTCOME_INVALID_ARGUMENT, "points ");
        assertRefused(ack.getResults(5), "mixed-5", Outcome.OUTCOME_INVALID_ARGUMENT, "partner_id ");
        assertRefused(ack.getResults(6), "mixed-6", Outcome.OUTCOME_INVALID_ARGUMENT, "occurred_at ");
        assertRefused(ack.getResults(7), "mixed-0", Outcome.OUTCOME_ALREADY_EXISTS, "event_id ");
        assertApplied(ack.getResults(8), "mixed-8", 70, 0);
        Balance after = client.balance(member);
        assertEquals(0, after.getAvailable());
        assertEquals(100, after.getLifetimeRedeemed());
        // Refused by validation: never journaled. Refused by the engine: journaled (a replay refuses them again).
        assertEquals(sequenceBefore + 6, engine.state().counters().lastSequence(),
                "every redemption that reached the engine, and only those, has a journal position");
    }

    @Test
    void aResentBatchIsAnsweredAsTheFirstTimeAndAppliedOnce() {
        MemberRef member = memberWith("RETRY", 500);
        RedeemBatch.Builder batch = RedeemBatch.newBuilder().setBatchId(1);
        for (int i = 0; i < 5; i++) {
            batch.addRedemptions(redeem(member, 20 + i));
        }
        RedeemBatch once = batch.build();
        RedeemBatchAck first = client.streamRedemptions(List.of(once)).get(0);

        RedeemBatchAck resent = client.streamRedemptions(List.of(once)).get(0);
        RedemptionReceipt unaryRetry = ok(client.call(RedemptionsGrpcClient.Redeem, once.getRedemptions(2)));

        assertEquals(first, resent, "the same results, receipts and sequences");
        assertEquals(first.getResults(2).getReceipt(), unaryRetry, "Redeem answers a streamed redemption's retry too");
        assertEquals(500 - (20 + 21 + 22 + 23 + 24), client.balance(member).getAvailable());
    }

    @Test
    void redemptionsRacingOnStreamsAndUnaryCallsNeverTakeTheBalanceBelowZero() {
        // 4 streams of 5 batches of 20, and 100 unary calls, each 7 points, against 1,000 points:
        // exactly 142 of the 500 succeed, however they interleave.
        MemberRef member = memberWith("RACE", 1_000);
        List<Future<GrpcTestClient.StreamReply<RedeemBatchAck>>> streams = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<RedeemBatch> batches = new ArrayList<>();
            for (int b = 0; b < 5; b++) {
                RedeemBatch.Builder batch = RedeemBatch.newBuilder().setBatchId(b);
                for (int i = 0; i < 20; i++) {
                    batch.addRedemptions(redeem(member, 7));
                }
                batches.add(batch.build());
            }
            streams.add(client.streamAsync(RedemptionsGrpcClient.RedeemStream, batches));
        }
        List<Future<GrpcTestClient.Reply<RedemptionReceipt>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(client.callAsync(RedemptionsGrpcClient.Redeem, redeem(member, 7).build()));
        }

        int succeeded = 0;
        int refused = 0;
        for (Future<GrpcTestClient.StreamReply<RedeemBatchAck>> stream : streams) {
            for (RedeemBatchAck ack : GrpcTestClient.acks(await(stream))) {
                for (RedeemResult result : ack.getResultsList()) {
                    if (result.getOutcome() == Outcome.OUTCOME_OK) {
                        succeeded++;
                        assertTrue(result.getReceipt().getBalance() >= 0, result.toString());
                    } else {
                        assertEquals(Outcome.OUTCOME_FAILED_PRECONDITION, result.getOutcome(), result.getError());
                        refused++;
                    }
                }
            }
        }
        for (Future<GrpcTestClient.Reply<RedemptionReceipt>> call : calls) {
            GrpcTestClient.Reply<RedemptionReceipt> reply = await(call);
            if (reply.status() == GrpcStatus.OK) {
                succeeded++;
                assertTrue(reply.value().getBalance() >= 0, reply.value().toString());
            } else {
                assertEquals(GrpcStatus.FAILED_PRECONDITION, reply.status(), reply.message());
                refused++;
            }
        }

        assertEquals(142, succeeded);
        assertEquals(358, refused);
        assertEquals(1_000 - 142 * 7, client.balance(member).getAvailable());
    }

    @Test
    void aBatchOverOneThousandRedemptionsIsRefusedWholeAndChangesNothing() {
        MemberRef member = memberWith("BIG", 5_000);
        RedeemBatch.Builder tooBig = RedeemBatch.newBuilder().setBatchId(77);
        for (int i = 0; i < 1_001; i++) {
            tooBig.addRedemptions(redeem(member, 1).setEventId("big-redeem-" + i));
        }

        List<RedeemBatchAck> acks = client.streamRedemptions(List.of(tooBig.build(), batch(78, redeem(member, 5))));

        assertEquals(1_001, acks.get(0).getResultsCount());
        for (int i = 0; i < 1_001; i++) {
            assertRefused(acks.get(0).getResults(i), "big-redeem-" + i, Outcome.OUTCOME_INVALID_ARGUMENT, "redemptions ");
        }
        assertEquals(Outcome.OUTCOME_OK, acks.get(1).getResults(0).getOutcome(), "the stream goes on after a refused batch");
        assertEquals(4_995, client.balance(member).getAvailable());
    }

    private static void assertApplied(RedeemResult result, String eventId, long points, long balance) {
        assertEquals(eventId, result.getEventId());
        assertEquals(Outcome.OUTCOME_OK, result.getOutcome(), result.getError());
        assertEquals(points, result.getReceipt().getPointsRedeemed(), eventId);
        assertEquals(balance, result.getReceipt().getBalance(), eventId);
    }

    private static void assertRefused(RedeemResult result, String eventId, Outcome outcome, String errorStart) {
        assertEquals(eventId, result.getEventId());
        assertEquals(outcome, result.getOutcome(), result.getError());
        assertTrue(result.getError().startsWith(errorStart), eventId + ": " + result.getError());
        assertFalse(result.hasReceipt(), eventId);
    }
}
