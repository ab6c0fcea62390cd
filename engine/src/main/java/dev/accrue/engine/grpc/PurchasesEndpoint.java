package dev.accrue.engine.grpc;

import dev.accrue.engine.command.ReturnCommand;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.rules.AcceptedCurrencies;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcService;
import io.vertx.core.Completable;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * The Purchases service on one event loop: validate, copy into ring slots, publish; the reply stage
 * answers through the event loop's outbox.
 */
public final class PurchasesEndpoint extends PurchasesGrpcService {
    private final CommandPublisher publisher;
    private final AcceptedCurrencies earnRule;
    private final int streamWindowEvents;
    private final ContextOutbox outbox;

    public PurchasesEndpoint(CommandPublisher publisher, AcceptedCurrencies earnRule, int streamWindowEvents,
                             ContextOutbox outbox) {
        this.publisher = publisher;
        this.earnRule = earnRule;
        this.streamWindowEvents = streamWindowEvents;
        this.outbox = outbox;
    }

    @Override
    protected void recordPurchase(Purchase purchase, Completable<PurchaseReceipt> response) {
        RingCall.submit(publisher, outbox, response, PurchaseCommand.validate(purchase, earnRule), CommandType.PURCHASE,
                slot -> PurchaseCommand.copy(purchase, slot), Replies::receipt);
    }

    @Override
    protected void recordReturn(Return request, Completable<ReturnReceipt> response) {
        RingCall.submit(publisher, outbox, response, ReturnCommand.validate(request), CommandType.RETURN,
                slot -> ReturnCommand.copy(request, slot), Replies::returnReceipt);
    }

    @Override
    protected void streamPurchases(ReadStream<PurchaseBatch> batches, WriteStream<PurchaseBatchAck> acks) {
        new PurchaseStream(outbox, batches, acks, this, streamWindowEvents).start();
    }

    /**
     * Validates a batch and publishes its valid purchases in one claim. Invalid ones, and all of
     * them when the ring is full, are answered in the ack without reaching the engine.
     *
     * @return whether events were published: the engine will then complete the ack, possibly
     *         before this returns
     */
    boolean submit(PurchaseBatch batch, BatchAck ack) {
        int count = batch.getPurchasesCount();
        if (count > BatchAck.MAX_BATCH_EVENTS) {
            ack.rejectAll(batch, "purchases must hold at most " + BatchAck.MAX_BATCH_EVENTS + " events, not " + count);
            return false;
        }
        int valid = 0;
        for (int i = 0; i < count; i++) {
            Purchase purchase = batch.getPurchases(i);
            String error = PurchaseCommand.validate(purchase, earnRule);
            if (error == null) {
                valid++;
            } else {
                ack.reject(i, purchase.getEventId(), error);
            }
        }
        if (valid == 0) {
            return false;
        }
        if (valid > publisher.ringSize()) {
            // One claim can never hold more slots than the ring has: waiting would not help.
            ack.refuseRemaining(batch, Outcome.OUTCOME_RESOURCE_EXHAUSTED, "the batch's " + valid
                    + " valid events exceed the engine's ring of " + publisher.ringSize()
                    + " slots; send smaller batches or raise ring.size");
            return false;
        }
        long highest = publisher.tryClaim(valid);
        if (highest == CommandPublisher.RING_FULL) {
            ack.refuseRemaining(batch, Outcome.OUTCOME_RESOURCE_EXHAUSTED, Statuses.RING_FULL_MESSAGE);
            return false;
        }
        ack.awaitEngine(valid);
        long sequence = highest - valid + 1;
        for (int i = 0; i < count; i++) {
            if (ack.isPending(i)) {
                CommandSlot slot = publisher.slot(sequence++);
                slot.reset(CommandType.PURCHASE);
                PurchaseCommand.copy(batch.getPurchases(i), slot);
                slot.reply = ack;
                slot.replyIndex = i;
            }
        }
        publisher.publish(highest - valid + 1, highest);
        return true;
    }
}
