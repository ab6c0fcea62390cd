package dev.accrue.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatePacerTest {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void everyCallDueBeforeTheEndReachesItsEventLoopOnceInOrderAndNotEarly() throws Exception {
        int connections = 3;
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(300);
        RateSchedule schedule = new RateSchedule(start, 20_000, connections);
        List<DueCalls> due = new ArrayList<>();
        AtomicLong taken = new AtomicLong();
        AtomicLong early = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        CountDownLatch exhausted = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            DueCalls calls = new DueCalls(schedule, c);
            due.add(calls);
            Context context = vertx.getOrCreateContext();
            long[] last = {Long.MIN_VALUE};
            boolean[] done = {false};
            CountDownLatch attached = new CountDownLatch(1);
            context.runOnContext(ignored -> {
                calls.attach(context, () -> {
                    while (calls.hasNext()) {
                        long dueAt = calls.takeNext();
                        if (System.nanoTime() < dueAt) {
                            early.incrementAndGet();
                        }
                        if (dueAt <= last[0]) {
                            outOfOrder.incrementAndGet();
                        }
                        last[0] = dueAt;
                        taken.incrementAndGet();
                    }
                    if (calls.exhausted() && !done[0]) {
                        done[0] = true;
                        exhausted.countDown();
                    }
                });
                attached.countDown();
            });
            assertTrue(attached.await(5, TimeUnit.SECONDS));
        }

        new RatePacer(schedule, due, end).start().join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(exhausted.await(5, TimeUnit.SECONDS), "every connection saw the pacer close");
        assertEquals(schedule.dueBy(end - 1), taken.get());
        assertEquals(6_000, taken.get());
        assertEquals(0, early.get(), "calls taken before they were due");
        assertEquals(0, outOfOrder.get(), "calls taken out of order on a connection");
    }
}
