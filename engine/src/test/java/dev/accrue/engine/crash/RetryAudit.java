package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * After a restart, sends acknowledged commands again with their event ids: each must answer as it
 * first did (what a retry repeats of it) and change nothing, which the balance audit that follows
 * confirms. Closed holds must stay closed to new captures and voids.
 */
final class RetryAudit {
    private final LedgerAudit.Caller caller;
    private final ExpectedLedger ledger;
    private final String seed;

    RetryAudit(LedgerAudit.Caller caller, ExpectedLedger ledger, long seed) {
        this.caller = caller;
        this.ledger = ledger;
        this.seed = " seed " + seed;
    }

    /** A retry of an acknowledged command returns the original reply, whole. */
    void sample(PurchasesGrpcClient purchasesClient, RedemptionsGrpcClient redemptionsClient,
                MemberAdminGrpcClient admin, Random random) throws Exception {
        List<ExpectedLedger.SentPurchase> purchases = ledger.purchases();
        for (int i = 0; i < Math.min(20, purchases.size()); i++) {
            ExpectedLedger.SentPurchase sent = purchases.get(random.nextInt(purchases.size()));
            assertEquals(sent.receipt(), caller.call(purchasesClient.recordPurchase(sent.purchase())),
                    "retry of " + sent.purchase().getEventId() + seed);
        }
        List<ExpectedLedger.SentReturn> returns = ledger.returns();
        for (int i = 0; i < Math.min(10, returns.size()); i++) {
            ExpectedLedger.SentReturn sent = returns.get(random.nextInt(returns.size()));
            assertEquals(sent.receipt(), caller.call(purchasesClient.recordReturn(sent.request())),
                    "retry of " + sent.request().getEventId() + seed);
        }
        List<ExpectedLedger.SentRedemption> redemptions = ledger.redemptions();
        for (int i = 0; i < Math.min(10, redemptions.size()); i++) {
            ExpectedLedger.SentRedemption sent = redemptions.get(random.nextInt(redemptions.size()));
            assertEquals(sent.receipt(), caller.call(redemptionsClient.redeem(sent.request())),
                    "retry of " + sent.request().getEventId() + seed);
        }
        List<ExpectedHolds.SentCapture> captures = ledger.captures();
        for (int i = 0; i < Math.min(10, captures.size()); i++) {
            ExpectedHolds.SentCapture sent = captures.get(random.nextInt(captures.size()));
            assertEquals(sent.receipt(), caller.call(redemptionsClient.capture(sent.request())),
                    "retry of " + sent.request().getEventId() + seed);
        }
        List<ExpectedLedger.SentAdjustment> adjustments = ledger.adjustments();
        for (int i = 0; i < Math.min(5, adjustments.size()); i++) {
            ExpectedLedger.SentAdjustment sent = adjustments.get(random.nextInt(adjustments.size()));
            assertEquals(sent.reply(), caller.call(admin.adjustPoints(sent.request())),
                    "retry of " + sent.request().getEventId() + seed);
        }
        // A hold's retry repeats its receipt, the balance it told included.
        for (ExpectedHolds.Hold hold : ledger.holds()) {
            HoldReceipt again = caller.call(redemptionsClient.hold(hold.request));
            assertEquals(hold.receipt, again,
                    "retry of " + hold.request.getEventId() + seed);
        }
    }

    /**
     * A captured or voided hold cannot be captured or voided again (new event ids): FAILED_PRECONDITION.
     * A member remembers its last {@value MemberRecord#MAX_HOLDS} closed holds (a survivor those of the
     * members merged into it too), so only holds of members that closed no more than that are tried.
     */
    void closedHoldsStayClosed(RedemptionsGrpcClient redemptions, ExpectedMembers members, Random random, int cycle) {
        List<ExpectedHolds.Hold> all = ledger.closedHolds();
        Map<Long, Long> closedBy = all.stream().collect(Collectors.groupingBy(h -> members.resolve(h.memberId()),
                Collectors.counting()));
        List<HoldRequest> closed = all.stream().filter(h -> closedBy.get(members.resolve(h.memberId())) <= MemberRecord.MAX_HOLDS)
                .map(h -> h.request).toList();
        Timestamp now = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
        for (int i = 0; i < Math.min(3, closed.size()); i++) {
            HoldRequest hold = closed.get(random.nextInt(closed.size()));
            String eventId = "crash-reclose-" + cycle + "-" + i;
            Future<?> again = random.nextBoolean()
                    ? redemptions.capture(CaptureRequest.newBuilder().setEventId(eventId)
                            .setHoldId(hold.getEventId()).setMember(hold.getMember()).setOccurredAt(now).build())
                    : redemptions.voidHold(VoidHoldRequest.newBuilder().setEventId(eventId)
                            .setHoldId(hold.getEventId()).setMember(hold.getMember()).setOccurredAt(now).build());
            try {
                again.await(30, TimeUnit.SECONDS);
                fail(eventId + " closed " + hold.getEventId() + " again," + seed);
            } catch (Exception e) {
                if (!AdminCommands.refused(e, GrpcStatus.FAILED_PRECONDITION)) {
                    throw new AssertionError(eventId + " on closed " + hold.getEventId() + ": " + e + "," + seed, e);
                }
            }
        }
    }
}
