package dev.accrue.engine.grpc;

import com.google.protobuf.MessageLite;
import dev.accrue.engine.pipeline.CommandPublisher;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcReadStream;
import io.vertx.grpc.common.GrpcWriteStream;
import io.vertx.grpc.common.WireFormat;

import java.util.ArrayDeque;

/**
 * One streaming call of batches (StreamPurchases, RedeemStream; the {@link BatchKind} says which).
 * Acks go out in the order the batches came in. The stream stops reading while more than a window
 * of events is in the engine, or while the client leaves its acks unread, so a fast feed is slowed
 * down rather than refused and a slow reader cannot fill the server's memory. Every method but
 * {@link #engineDone} runs on the call's event loop.
 */
final class BatchStream<B, R extends MessageLite, A> {
    /** Uncompressed: the call's own encoding, if it has one, is applied on writing. */
    private static final String IDENTITY = "identity";

    private final ContextOutbox outbox;
    private final CommandPublisher publisher;
    private final BatchKind<B, R, A> kind;
    private final ReadStream<B> batches;
    private final WriteStream<A> acks;
    /** The acks as a gRPC stream that takes encoded messages, when they go out as bytes; else null. */
    private final GrpcWriteStream<A> wireAcks;
    private final int windowEvents;
    private final ArrayDeque<BatchAck<B, R, A>> inOrder = new ArrayDeque<>();
    private int eventsInEngine;
    /** More than a window of events is in the engine (until it drops to half a window). */
    private boolean windowFull;
    /** The client is not reading acks as fast as they come: the write queue is full. */
    private boolean acksBacklogged;
    private boolean paused;
    private boolean inputEnded;
    private boolean closed;

    BatchStream(ContextOutbox outbox, CommandPublisher publisher, BatchKind<B, R, A> kind, ReadStream<B> batches,
                WriteStream<A> acks, int windowEvents) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.kind = kind;
        this.batches = batches;
        this.acks = acks;
        this.windowEvents = windowEvents;
        // Bytes written by hand are protobuf's: not for a call in JSON (gRPC transcoding).
        boolean protobuf = batches instanceof GrpcReadStream<?> call && call.format() == WireFormat.PROTOBUF;
        this.wireAcks = kind.writesResults() && protobuf && acks instanceof GrpcWriteStream<A> grpc ? grpc : null;
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

    private void onBatch(B batch) {
        BatchAck<B, R, A> ack = new BatchAck<>(this, kind, kind.batchId(batch), kind.size(batch), wireAcks != null);
        inOrder.add(ack);
        // Decide from submit's answer, not from the ack: once published, the reply thread may
        // already have completed it (and scheduled engineDone) before submit returns.
        if (RingBatch.submit(publisher, kind, batch, ack)) {
            eventsInEngine += ack.size();
            windowFull |= eventsInEngine >= windowEvents;
            updateReading();
        } else {
            ack.ready = true;
        }
        flush();
    }

    /** Called on the reply thread when the engine has answered every event of {@code ack}. */
    void engineDone(BatchAck<B, R, A> ack) {
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
            BatchAck<B, R, A> ack = inOrder.poll();
            if (!closed) {
                if (ack.wire()) {
                    wireAcks.writeMessage(GrpcMessage.message(IDENTITY, ack.wireAck()));
                } else {
                    acks.write(ack.build());
                }
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
