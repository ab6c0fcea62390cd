package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The customer commands in flight (purchases, returns, redemptions, holds, captures, voids and
 * enrolments): each sent, counted in the cycle's {@code outstanding} until answered, and kept in doubt
 * until an answer says what it did, which goes into the {@link ExpectedLedger} (or {@link Enrolments}).
 * After a restart each command in doubt is sent again with its event id: it was applied fully or not at
 * all, and the retry has exactly one effect either way. {@link AdminCommands} does the same for the
 * admin side.
 */
final class CustomerCommands {
    private final ExpectedLedger ledger;
    private final Enrolments enrolments;
    private final LedgerAudit.Caller caller;
    private final Map<String, ExpectedLedger.SentPurchase> purchases = new ConcurrentHashMap<>();
    private final Map<String, ExpectedLedger.SentReturn> returns = new ConcurrentHashMap<>();
    private final Map<String, EnrolRequest> enrolmentsInDoubt = new ConcurrentHashMap<>();
    private final Map<String, ExpectedLedger.SentRedemption> redemptions = new ConcurrentHashMap<>();
    private final Map<String, HoldRequest> holds = new ConcurrentHashMap<>();
    private final Map<String, CaptureRequest> captures = new ConcurrentHashMap<>();
    private final Map<String, VoidHoldRequest> voids = new ConcurrentHashMap<>();
    private volatile EngineClients clients;

    CustomerCommands(ExpectedLedger ledger, Enrolments enrolments, LedgerAudit.Caller caller) {
        this.ledger = ledger;
        this.enrolments = enrolments;
        this.caller = caller;
    }

    /** The stubs of the engine's current incarnation. */
    void connect(EngineClients clients) {
        this.clients = clients;
    }

    /** Commands sent whose answers have not come (yet). */
    int inDoubt() {
        return purchases.size() + returns.size() + enrolmentsInDoubt.size() + redemptions.size()
                + holds.size() + captures.size() + voids.size();
    }

    void enrol(EnrolRequest enrolment, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        enrolmentsInDoubt.put(enrolment.getEventId(), enrolment);
        clients.members().enrol(enrolment).onComplete((reply, error) -> {
            if (error == null) {
                enrolmentsInDoubt.remove(enrolment.getEventId());
                enrolments.acknowledged(enrolment.getEventId(), reply.getMemberId());
            }
            outstanding.decrementAndGet();
        });
    }

    void purchase(ExpectedLedger.SentPurchase sent, AtomicInteger outstanding) {
        String eventId = sent.purchase().getEventId();
        outstanding.incrementAndGet();
        purchases.put(eventId, sent);
        clients.purchases().recordPurchase(sent.purchase()).onComplete((receipt, error) -> {
            if (error == null) {
                purchases.remove(eventId);
                ledger.purchaseAcknowledged(sent.answered(receipt));
            }
            outstanding.decrementAndGet();
        });
    }

    void recordReturn(ExpectedLedger.SentReturn sent, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        returns.put(sent.request().getEventId(), sent);
        clients.purchases().recordReturn(sent.request()).onComplete((receipt, error) -> {
            if (error == null) {
                returns.remove(sent.request().getEventId());
                ledger.returnAcknowledged(sent.answered(receipt));
            }
            outstanding.decrementAndGet();
        });
    }

    /** A refusal (FAILED_PRECONDITION: fewer available points than asked) answers it too: nothing changed. */
    void redeem(ExpectedLedger.SentRedemption redemption, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        redemptions.put(redemption.request().getEventId(), redemption);
        clients.redemptions().redeem(redemption.request()).onComplete((receipt, error) -> {
            if (error == null || AdminCommands.refused(error, GrpcStatus.FAILED_PRECONDITION)) {
                redemptions.remove(redemption.request().getEventId());
                ledger.redemptionAnswered(redemption, receipt);
            }
            outstanding.decrementAndGet();
        });
    }

    void hold(HoldRequest request, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        holds.put(request.getEventId(), request);
        clients.redemptions().hold(request).onComplete((receipt, error) -> {
            if (error == null) {
                holds.remove(request.getEventId());
                ledger.holdAcknowledged(request, receipt);
            }
            outstanding.decrementAndGet();
        });
    }

    void capture(CaptureRequest request, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        captures.put(request.getEventId(), request);
        clients.redemptions().capture(request).onComplete((receipt, error) -> {
            if (error == null) {
                captures.remove(request.getEventId());
                ledger.captureAcknowledged(request, receipt);
            }
            outstanding.decrementAndGet();
        });
    }

    void voidHold(VoidHoldRequest request, AtomicInteger outstanding) {
        outstanding.incrementAndGet();
        voids.put(request.getEventId(), request);
        clients.redemptions().voidHold(request).onComplete((receipt, error) -> {
            if (error == null) {
                voids.remove(request.getEventId());
                ledger.voidAcknowledged(request.getHoldId());
            }
            outstanding.decrementAndGet();
        });
    }

    /**
     * After a restart: every command whose answer was lost, sent again with the same event id, its
     * answer recorded as the first one's would have been.
     */
    void retryInDoubt() throws Exception {
        for (ExpectedLedger.SentPurchase doubt : purchases.values()) {
            ledger.purchaseAcknowledged(doubt.answered(caller.call(clients.purchases().recordPurchase(doubt.purchase()))));
            purchases.remove(doubt.purchase().getEventId());
        }
        for (ExpectedLedger.SentReturn doubt : returns.values()) {
            ledger.returnAcknowledged(doubt.answered(caller.call(clients.purchases().recordReturn(doubt.request()))));
            returns.remove(doubt.request().getEventId());
        }
        for (ExpectedLedger.SentRedemption doubt : redemptions.values()) {
            ledger.redemptionAnswered(doubt, redeemed(clients.redemptions().redeem(doubt.request())));
            redemptions.remove(doubt.request().getEventId());
        }
        for (HoldRequest doubt : holds.values()) {
            ledger.holdAcknowledged(doubt, caller.call(clients.redemptions().hold(doubt)));
            holds.remove(doubt.getEventId());
        }
        for (CaptureRequest doubt : captures.values()) {
            ledger.captureAcknowledged(doubt, caller.call(clients.redemptions().capture(doubt)));
            captures.remove(doubt.getEventId());
        }
        for (VoidHoldRequest doubt : voids.values()) {
            caller.call(clients.redemptions().voidHold(doubt));
            ledger.voidAcknowledged(doubt.getHoldId());
            voids.remove(doubt.getEventId());
        }
        for (EnrolRequest doubt : enrolmentsInDoubt.values()) {
            enrolments.acknowledged(doubt.getEventId(), caller.call(clients.members().enrol(doubt)).getMemberId());
            enrolmentsInDoubt.remove(doubt.getEventId());
        }
    }

    /** A redemption's answer after the restart: its receipt, or null if it was refused. */
    private RedemptionReceipt redeemed(Future<RedemptionReceipt> future) throws Exception {
        try {
            return caller.call(future);
        } catch (AssertionError failed) {
            // The caller keeps the cause: a refusal is an answer, any other failure fails the test.
            if (AdminCommands.refused(failed, GrpcStatus.FAILED_PRECONDITION)) {
                return null;
            }
            throw failed;
        }
    }
}
