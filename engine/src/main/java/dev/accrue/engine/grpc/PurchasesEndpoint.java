package dev.accrue.engine.grpc;

import dev.accrue.engine.command.ReturnCommand;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.rules.AcceptedCurrencies;
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
    private final PurchaseBatches batchKind;
    private final int streamWindowEvents;
    private final ContextOutbox outbox;

    public PurchasesEndpoint(CommandPublisher publisher, AcceptedCurrencies earnRule, int streamWindowEvents,
                             ContextOutbox outbox) {
        this.publisher = publisher;
        this.earnRule = earnRule;
        this.batchKind = new PurchaseBatches(earnRule);
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
        new BatchStream<>(outbox, publisher, batchKind, batches, acks, streamWindowEvents).start();
    }
}
