package dev.accrue.engine.grpc;

import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

import java.util.ArrayDeque;

/**
 * One StreamPurchases call. Acks go out in the order the batches came in. The stream stops reading
 * while more than a window of events is in the engine, or while the client leaves its acks unread,
 * so a fast feed is slowed down rather than refused and a slow reader cannot fill the server's
 * memory. Every method but {@link #engineDone} runs on the call's event loop.
 */
final class PurchaseStream {
    private final ContextOutbox outbox;
    private final ReadStream<PurchaseBatch> batches;
    private final WriteStream<PurchaseBatchAck> acks;
    private final PurchasesEndpoint endpoint;
    private final int windowEvents;
    private final ArrayDeque<BatchAck> inOrder = new ArrayDeque<>();
    private int eventsInEngine;
    /** More than a window of events is in the engine (until it drops to half a window). */
    private boolean windowFull;
    /** The client is not reading acks as fast as they come: the write queue is full. */
    private boolean acksBacklogged;
    private boolean paused;
    private boolean inputEnded;
    private boolean closed;

    PurchaseStream(ContextOutbox outbox, ReadStream<PurchaseBatch> batches, WriteStream<PurchaseBatchAck> acks,
                   PurchasesEndpoint endpoint, int windowEvents) {
        this.outbox = outbox;
        this.batches = batches;
        this.acks = acks;
        this.endpoint = endpoint;
        this.windowEvents = windowEvents;
    }

    void start() {
        batches.handler(this::onBatch);
        batches.endHandler(ignored -> {
            inputEnded = true;
            flush();
        });
        batches.exceptionHandler(ignored -> closed = true);
        acks.exceptionHandler(ignored -> closed = true);
    }

    private void onBatch(PurchaseBatch batch) {
        BatchAck ack = new BatchAck(this, batch.getBatchId(), batch.getPurchasesCount());
        inOrder.add(ack);
        // Decide from submit's answer, not from the ack: once published, the reply thread may
        // already have completed it (and scheduled engineDone) before submit returns.
        if (endpoint.submit(batch, ack)) {
            eventsInEngine += ack.size();
            windowFull |= eventsInEngine >= windowEvents;
            updateReading();
        } else {
            ack.ready = true;
        }
        flush();
    }

    /** Called on the reply thread when the engine has answered every event of {@code ack}. */
    void engineDone(BatchAck ack) {
        outbox.send(() -> {
            eventsInEngine -= ack.size();
            ack.ready = true;
            windowFull &= eventsInEngine > windowEvents / 2;
            flush();
        });
    }

    /** Writes every finished ack at the head of the order; ends the call when all are out. */
    private void flush() {
        while (!inOrder.isEmpty() && inOrder.peek().ready) {
            BatchAck ack = inOrder.poll();
            if (!closed) {
                acks.write(ack.build());
            }
        }
        if (inputEnded && inOrder.isEmpty() && !closed) {
            closed = true;
            acks.end();
        }
        if (!closed && !acksBacklogged && acks.writeQueueFull()) {
            acksBacklogged = true;
            acks.drainHandler(ignored -> {
                acksBacklogged = false;
                updateReading();
            });
        }
        updateReading();
    }

    /** Reads batches only while the engine has room for them and the client takes its acks. */
    private void updateReading() {
        boolean pause = windowFull || acksBacklogged;
        if (pause != paused && !closed) {
            paused = pause;
            if (pause) {
                batches.pause();
            } else {
                batches.resume();
            }
        }
    }
}
