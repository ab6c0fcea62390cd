package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;

/**
 * StreamPurchases calls on one connection: each stream keeps at most {@code batches-in-flight}
 * batches unacknowledged, sending the next as each ack arrives, and ends its call when the run
 * window is over and every batch is acknowledged. Latency is per batch, from send to its ack.
 */
final class StreamWorker extends LoadWorker {
    private final int streamCount;
    private final PurchasePool pool;
    private final EventIds eventIds;
    private int cursor;
    private int openStreams;
    private int batchesInFlight;
    private PurchasesGrpcClient purchases;

    StreamWorker(LoadOptions options, RunWindow window, Progress progress, int index, int streamCount,
                 PurchasePool pool, String runNonce) {
        super(options, window, progress);
        this.streamCount = streamCount;
        this.pool = pool;
        this.eventIds = new EventIds(runNonce, index);
        this.cursor = (int) ((long) pool.size() * index / Math.max(1, options.effectiveConnections()));
    }

    @Override
    void begin() {
        purchases = PurchasesGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < streamCount; i++) {
            openStreams++;
            new StreamCall().open();
        }
    }

    @Override
    int inFlight() {
        return batchesInFlight;
    }

    private PurchaseBatch nextBatch(long batchId) {
        PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(batchId);
        for (int i = 0; i < options.batch; i++) {
            int index = cursor;
            cursor = cursor + 1 == pool.size() ? 0 : cursor + 1;
            batch.addPurchases(options.freshEventIds ? pool.withEventId(index, eventIds.next()) : pool.get(index));
        }
        return batch.build();
    }

    private void streamClosed() {
        if (--openStreams == 0) {
            finish();
        }
    }

    /** One StreamPurchases call. Acks come in the order the batches went out. */
    private final class StreamCall {
        private final long[] sentAt = new long[options.batchesInFlight];
        private WriteStream<PurchaseBatch> out;
        private long nextBatchId = 1;
        private long expectedAck = 1;
        private int inFlight;
        private boolean ending;
        private boolean closed;

        void open() {
            purchases.streamPurchases((stream, failure) -> {
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
                PurchaseBatch batch = nextBatch(batchId);
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

        private void acked(PurchaseBatchAck ack) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            if (ack.getBatchId() != expectedAck) {
                stats.error("ACK_OUT_OF_ORDER");
                progress.errors.increment();
            }
            long sent = sentAt[(int) (expectedAck % sentAt.length)];
            expectedAck++;
            inFlight--;
            batchesInFlight--;
            int ok = 0;
            for (int i = 0, n = ack.getResultsCount(); i < n; i++) {
                PurchaseResult result = ack.getResults(i);
                if (result.getOutcome() == Outcome.OUTCOME_OK) {
                    ok++;
                } else {
                    stats.error(result.getOutcome().name());
                    progress.errors.increment();
                }
            }
            if (ack.getResultsCount() != options.batch) {
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
