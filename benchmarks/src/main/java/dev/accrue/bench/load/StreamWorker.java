package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Outcome;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;

/**
 * Streaming calls of batches on one connection (StreamPurchases, RedeemStream; subclasses say
 * which): each stream keeps at most {@code batches-in-flight} batches unacknowledged, sending the
 * next as each ack arrives, and ends its call when the run window is over and every batch is
 * acknowledged. Latency is per batch, from send to its ack.
 *
 * @param <B> the batch message
 * @param <A> the acknowledgement message
 */
abstract class StreamWorker<B, A> extends LoadWorker {
    private final int streamCount;
    private final int poolSize;
    private final EventIds eventIds;
    /** The next batch's pool indexes and event ids, refilled for each batch (batches are built synchronously). */
    private final int[] batchIndexes;
    private final String[] batchEventIds;
    private int cursor;
    private int openStreams;
    private int batchesInFlight;

    StreamWorker(LoadOptions options, RunWindow window, Progress progress, int index, int streamCount, int poolSize,
                 String runNonce) {
        super(options, window, progress);
        this.streamCount = streamCount;
        this.poolSize = poolSize;
        this.eventIds = new EventIds(runNonce, index);
        this.batchIndexes = new int[options.batch];
        this.batchEventIds = new String[options.batch];
        this.cursor = (int) ((long) poolSize * index / Math.max(1, options.effectiveConnections()));
    }

    /** Creates the service's client stub; on the worker's event loop, before the first call. */
    abstract void connect(GrpcClient client, SocketAddress server);

    /** Opens one streaming call: {@code requests} gets its request stream, the future its acks. */
    abstract Future<ReadStream<A>> startCall(Completable<WriteStream<B>> requests);

    /** A batch of the pooled events at {@code indexes}, each with the event id at the same place unless null. */
    abstract B batch(long batchId, int[] indexes, String[] eventIds);

    abstract long batchId(A ack);

    abstract int resultCount(A ack);

    abstract Outcome outcome(A ack, int index);

    @Override
    final void begin() {
        connect(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < streamCount; i++) {
            openStreams++;
            new StreamCall().open();
        }
    }

    @Override
    final int inFlight() {
        return batchesInFlight;
    }

    private B nextBatch(long batchId) {
        for (int i = 0; i < options.batch; i++) {
            batchIndexes[i] = cursor;
            cursor = cursor + 1 == poolSize ? 0 : cursor + 1;
            batchEventIds[i] = options.freshEventIds ? eventIds.next() : null;
        }
        return batch(batchId, batchIndexes, batchEventIds);
    }

    private void streamClosed() {
        if (--openStreams == 0) {
            finish();
        }
    }

    /** One streaming call. Acks come in the order the batches went out. */
    private final class StreamCall {
        private final long[] sentAt = new long[options.batchesInFlight];
        private WriteStream<B> out;
        private long nextBatchId = 1;
        private long expectedAck = 1;
        private int inFlight;
        private boolean ending;
        private boolean closed;

        void open() {
            startCall((stream, failure) -> {
                if (failure != null) {
                    fail(failure);
                } else {
                    out = stream;
                    out.exceptionHandler(this::fail);
                    fill();
                }
            }).onSuccess(acks -> {
                acks.handler(this::acked);
                acks.exceptionHandler(this::fail);
                acks.endHandler(ignored -> close());
            }).onFailure(this::fail);
        }

        private void fill() {
            long now = System.nanoTime();
            while (!closed && !ending && inFlight < sentAt.length && window.sending(now)) {
                long batchId = nextBatchId++;
                B batch = nextBatch(batchId);
                inFlight++;
                batchesInFlight++;
                sentAt[(int) (batchId % sentAt.length)] = System.nanoTime();
                out.write(batch);
                now = System.nanoTime();
            }
            if (!closed && !ending && inFlight == 0 && !window.sending(now)) {
                ending = true;
                out.end();
            }
        }

        private void acked(A ack) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            if (batchId(ack) != expectedAck) {
                stats.error("ACK_OUT_OF_ORDER");
                progress.errors.increment();
            }
            long sent = sentAt[(int) (expectedAck % sentAt.length)];
            expectedAck++;
            inFlight--;
            batchesInFlight--;
            int ok = 0;
            int results = resultCount(ack);
            for (int i = 0; i < results; i++) {
                Outcome outcome = outcome(ack, i);
                if (outcome == Outcome.OUTCOME_OK) {
                    ok++;
                } else {
                    stats.error(outcome.name());
                    progress.errors.increment();
                }
            }
            if (results != options.batch) {
                stats.error("ACK_WRONG_SIZE");
                progress.errors.increment();
            }
            progress.ok.add(ok);
            if (!finished() && window.measures(now)) {
                stats.answeredMeasured++;
                stats.okMeasured += ok;
                stats.recordLatency(now - sent);
            }
            fill();
        }

        private void fail(Throwable failure) {
            if (closed) {
                return;
            }
            if (!finished()) {
                stats.error(GrpcErrors.statusOf(failure));
                progress.errors.increment();
            }
            close();
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            batchesInFlight -= inFlight;
            if (inFlight > 0 && !finished()) {
                stats.errors("UNACKED_AT_CLOSE", inFlight);
            }
            inFlight = 0;
            streamClosed();
        }
    }
}
