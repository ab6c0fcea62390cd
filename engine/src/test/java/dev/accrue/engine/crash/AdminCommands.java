package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;

import java.util.List;
import java.util.Map;
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

    private final Map<String, Command> inDoubt = new ConcurrentHashMap<>();
    private final List<String> surprises = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
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
            if (!doubt.getValue().answer().settle(reply, error)) {
                throw new AssertionError("retry of " + doubt.getKey() + " failed: " + error + ", seed " + seed, error);
            }
            inDoubt.remove(doubt.getKey());
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
