package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin commands in flight: each kept, with how to send it and what an answer means, until an
 * answer settles it; after a restart each is sent again with its event id. Also the surprises (answers
 * the models rule out, reported at the next audit) and a count of answers by kind.
 */
final class AdminCommands {
    /** The stubs of the engine's current incarnation. */
    record Stubs(MembersGrpcClient members, MemberAdminGrpcClient admin, RedemptionsGrpcClient redemptions) {
    }

    /** What an answer means to the models: true once it settles the command, false to keep it in doubt. */
    interface Answer {
        boolean settle(Object reply, Throwable error);
    }

    private record Command(Function<Stubs, Future<?>> send, Answer answer) {
    }

    /** A command the engine applied, and its first reply: a retry must get that reply whole. */
    private record Acknowledged(String eventId, Function<Stubs, Future<?>> send, Object reply) {
    }

    private final Map<String, Command> inDoubt = new ConcurrentHashMap<>();
    private final List<String> surprises = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    private volatile Stubs stubs;

    void connect(Stubs stubs) {
        this.stubs = stubs;
    }

    int inDoubt() {
        return inDoubt.size();
    }

    /** Sends a command, counted in {@code outstanding} until answered, in doubt until an answer settles it. */
    void send(String eventId, AtomicInteger outstanding, Function<Stubs, Future<?>> send, Answer answer) {
        Command command = new Command(send, answer);
        outstanding.incrementAndGet();
        inDoubt.put(eventId, command);
        command.send().apply(stubs).onComplete(result -> {
            if (result.succeeded()) {
                acknowledged.putIfAbsent(eventId, new Acknowledged(eventId, send, result.result()));
            }
            if (command.answer().settle(result.result(), result.cause())) {
                inDoubt.remove(eventId);
            }
            outstanding.decrementAndGet();
        });
    }

    /**
     * After a restart: every command whose answer was lost, sent again with the same event id. It was
     * applied once or not at all; the retry's answer is the one the first would have been.
     */
    void retryInDoubt(long seed) {
        for (Map.Entry<String, Command> doubt : inDoubt.entrySet()) {
            Object reply = null;
            Throwable error = null;
            try {
                reply = doubt.getValue().send().apply(stubs).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                error = e;
            }
            if (error == null) {
                acknowledged.putIfAbsent(doubt.getKey(), new Acknowledged(doubt.getKey(), doubt.getValue().send(), reply));
            }
            if (!doubt.getValue().answer().settle(reply, error)) {
                throw new AssertionError("retry of " + doubt.getKey() + " failed: " + error + ", seed " + seed, error);
            }
            inDoubt.remove(doubt.getKey());
        }
    }

    /** Retries a sample of the applied commands (same event id and content): each gets its first reply whole. */
    void retriesAnswerAsFirst(Random random, int samples, long seed) throws Exception {
        List<Acknowledged> all = new ArrayList<>(acknowledged.values());
        all.sort(Comparator.comparing(Acknowledged::eventId)); // the map's order is not the seed's
        for (int i = 0; i < Math.min(samples, all.size()); i++) {
            Acknowledged sent = all.get(random.nextInt(all.size()));
            Object again = sent.send().apply(stubs).await(30, TimeUnit.SECONDS);
            assertEquals(sent.reply(), again, "retry of " + sent.eventId() + ", seed " + seed);
        }
    }

    void surprise(String what) {
        surprises.add(what);
    }

    void assertNoSurprises(long seed) {
        assertEquals(List.of(), surprises, "admin answers the model rules out, seed " + seed);
    }

    void count(String what) {
        answered.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    /** Answers by kind, for the run's summary. */
    String summary() {
        return new TreeMap<>(answered).toString();
    }

    static boolean refused(Throwable error, GrpcStatus status) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidStatusException e && e.actualStatus() == status) {
                return true;
            }
        }
        return false;
    }

    /** A refusal the models rule out is a surprise that settles the command; false for any other error. */
    boolean refusedAsSurprise(Throwable error, String surprise) {
        if (!refused(error, GrpcStatus.FAILED_PRECONDITION) && !refused(error, GrpcStatus.ALREADY_EXISTS)
                && !refused(error, GrpcStatus.NOT_FOUND)) {
            return false;
        }
        surprises.add(surprise + ": " + error);
        return true;
    }
}
