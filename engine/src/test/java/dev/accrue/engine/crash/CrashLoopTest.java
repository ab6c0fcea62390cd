package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.StateDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exactly once under SIGKILL. Each cycle drives purchases and enrolments (one in 25 commands) at the
 * engine (a separate process), kills it at a random moment, restarts it, and retries every command
 * whose answer was lost, plus a sample of acknowledged ones. Then every acknowledged command must be applied exactly
 * once, every retried one exactly once, and balances must equal a model built from the answers.
 *
 * <p>Seeded: {@code -Daccrue.crashloop.seed=N} replays a run; {@code -Daccrue.crashloop.cycles=N}
 * runs more cycles (default 10).
 */
class CrashLoopTest {
    private static final long EUR_PER_POINT = 100;
    private static final int IN_FLIGHT = 16;
    private static final long T0 = 1_790_000_000_000L;

    @TempDir
    Path dir;
    private Vertx vertx;
    private EngineProcess engine;

    /** A command the client sent: acknowledged (with its reply) or in doubt. */
    private record Sent(Purchase purchase, PurchaseReceipt receipt) {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null && engine.alive()) {
            engine.kill();
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedCommandSurvivesSigkillExactlyOnce() throws Exception {
        long seed = Long.getLong("accrue.crashloop.seed", System.nanoTime());
        int cycles = Integer.getInteger("accrue.crashloop.cycles", 10);
        System.out.println("CrashLoopTest seed=" + seed + " cycles=" + cycles
                + " (replay with -Daccrue.crashloop.seed=" + seed + ")");
        Random random = new Random(seed);
        vertx = Vertx.vertx();
        engine = new EngineProcess(dir.resolve("data"), dir.resolve("engine.log"));
        engine.start();
        Clients clients = connect();

        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(enrol(clients, "enrol-" + i, "CARD-" + i).getMemberId());
        }
        Map<Long, Long> model = new HashMap<>();
        Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
        Map<String, Long> enrolled = new ConcurrentHashMap<>();
        int next = 0;

        for (int cycle = 1; cycle <= cycles; cycle++) {
            Map<String, Sent> inDoubt = new ConcurrentHashMap<>();
            Map<String, EnrolRequest> enrolmentsInDoubt = new ConcurrentHashMap<>();
            long killAfterMillis = 50 + random.nextInt(600);
            int firstOfCycle = next;
            next = drive(clients, random, members, next, killAfterMillis, acknowledged, inDoubt, enrolled, enrolmentsInDoubt);
            engine.kill();
            System.out.printf("cycle %d: sent %d, in doubt %d, killed after %d ms%n",
                    cycle, next - firstOfCycle, inDoubt.size(), killAfterMillis);

            engine.start();
            clients = connect();
            // An answer lost in the crash: the command was applied fully or not at all, and the
            // retry with the same event id has exactly one effect either way.
            for (Sent doubt : inDoubt.values()) {
                PurchaseReceipt receipt = call(clients.purchases.recordPurchase(doubt.purchase()));
                acknowledged.put(doubt.purchase().getEventId(), new Sent(doubt.purchase(), receipt));
            }
            for (EnrolRequest doubt : enrolmentsInDoubt.values()) {
                enrolled.put(doubt.getEventId(), call(clients.members.enrol(doubt)).getMemberId());
            }
            // Every enrolment sent is now answered: each made exactly one member, and its retry
            // names that same member.
            assertEquals(20 + enrolled.size(), call(clients.diagnostics.getStateDigest(
                    GetStateDigestRequest.getDefaultInstance())).getMembers(), "one member per enrolment, seed " + seed);
            for (Map.Entry<String, Long> enrolment : enrolled.entrySet()) {
                String card = "CRASH-CARD-" + enrolment.getKey().substring("crash-enrol-".length());
                assertEquals(enrolment.getValue(), call(clients.members.enrol(enrolmentRequest(enrolment.getKey(), card)))
                        .getMemberId(), "retry of " + enrolment.getKey() + " seed " + seed);
            }
            // A retry of an acknowledged command returns the original reply (what a retry repeats of it).
            List<Sent> sample = new ArrayList<>(acknowledged.values());
            for (int i = 0; i < Math.min(20, sample.size()); i++) {
                Sent sent = sample.get(random.nextInt(sample.size()));
                assertEquals(sent.receipt().toBuilder().clearPending().clearTier().clearEarnedByRule()
                                .clearProgramVersion().build(), call(clients.purchases.recordPurchase(sent.purchase())),
                        "retry of " + sent.purchase().getEventId() + " seed " + seed);
            }
            checkBalances(clients, members, acknowledged, model, seed);
        }

        StateDigest before = call(clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        engine.kill();
        engine.start();
        clients = connect();
        StateDigest rebuilt = call(clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        assertEquals(before.getDigest(), rebuilt.getDigest(), "a rebuild from the journal gives the same state");
    }

    private int drive(Clients clients, Random random, List<Long> members, int next, long killAfterMillis,
                      Map<String, Sent> acknowledged, Map<String, Sent> inDoubt,
                      Map<String, Long> enrolled, Map<String, EnrolRequest> enrolmentsInDoubt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
        AtomicInteger outstanding = new AtomicInteger();
        int n = next;
        while (System.nanoTime() < deadline) {
            if (outstanding.get() >= IN_FLIGHT) {
                Thread.onSpinWait();
                continue;
            }
            if (n % 25 == 0) {
                EnrolRequest enrolment = enrolmentRequest("crash-enrol-" + n, "CRASH-CARD-" + n);
                n++;
                outstanding.incrementAndGet();
                enrolmentsInDoubt.put(enrolment.getEventId(), enrolment);
                clients.members.enrol(enrolment).onComplete((reply, error) -> {
                    if (error == null) {
                        enrolmentsInDoubt.remove(enrolment.getEventId());
                        enrolled.put(enrolment.getEventId(), reply.getMemberId());
                    }
                    outstanding.decrementAndGet();
                });
                continue;
            }
            Purchase purchase = purchase(n++, members.get(random.nextInt(members.size())), 100 + random.nextInt(100_000));
            outstanding.incrementAndGet();
            inDoubt.put(purchase.getEventId(), new Sent(purchase, null));
            clients.purchases.recordPurchase(purchase).onComplete((receipt, error) -> {
                if (error == null) {
                    inDoubt.remove(purchase.getEventId());
                    acknowledged.put(purchase.getEventId(), new Sent(purchase, receipt));
                }
                outstanding.decrementAndGet();
            });
        }
        return n;
    }

    private void checkBalances(Clients clients, List<Long> members, Map<String, Sent> acknowledged,
                               Map<Long, Long> model, long seed) throws Exception {
        model.clear();
        for (Sent sent : acknowledged.values()) {
            long points = sent.purchase().getTotalMinor() / EUR_PER_POINT;
            assertEquals(points, sent.receipt().getPointsEarned(), "points of " + sent.purchase().getEventId());
            model.merge(sent.purchase().getMember().getMemberId(), points, Long::sum);
        }
        long total = 0;
        for (long member : members) {
            Balance balance = call(clients.members.getBalance(GetBalanceRequest.newBuilder()
                    .setMember(MemberRef.newBuilder().setMemberId(member)).build()));
            long expected = model.getOrDefault(member, 0L);
            assertEquals(expected, balance.getAvailable(), "member " + member + " seed " + seed);
            assertEquals(expected, balance.getLifetimeEarned(), "member " + member + " seed " + seed);
            total += balance.getAvailable();
        }
        assertEquals(model.values().stream().mapToLong(Long::longValue).sum(), total,
                "sum of balances = points earned (no redemptions yet)");
    }

    private EnrolReply enrol(Clients clients, String eventId, String card) throws Exception {
        return call(clients.members.enrol(enrolmentRequest(eventId, card)));
    }

    private static EnrolRequest enrolmentRequest(String eventId, String card) {
        return EnrolRequest.newBuilder().setEventId(eventId).setCardNumber(card)
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(T0 / 1000)).build();
    }

    private static Purchase purchase(int n, long memberId, long totalMinor) {
        return Purchase.newBuilder()
                .setEventId("crash-" + n)
                .setMember(MemberRef.newBuilder().setMemberId(memberId))
                .setPartnerId("partner-" + n % 3)
                .setStoreId("store-" + n % 5)
                .setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(T0 / 1000 + n))
                .setCurrency("EUR")
                .setTotalMinor(totalMinor)
                .build();
    }

    private record Clients(PurchasesGrpcClient purchases, MembersGrpcClient members, DiagnosticsGrpcClient diagnostics) {
    }

    /** Connects once the restarted engine serves (recovery first replays the journal). */
    private Clients connect() throws Exception {
        SocketAddress address = SocketAddress.inetSocketAddress(engine.port(), "127.0.0.1");
        GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setHttp2MultiplexingLimit(1_000));
        Clients clients = new Clients(PurchasesGrpcClient.create(client, address),
                MembersGrpcClient.create(client, address), DiagnosticsGrpcClient.create(client, address));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!engine.alive()) {
                fail("engine died:\n" + engine.logTail());
            }
            try {
                clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()).await(2, TimeUnit.SECONDS);
                return clients;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
        fail("engine did not serve within 60 s:\n" + engine.logTail());
        return null;
    }

    private <T> T call(Future<T> future) throws Exception {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call failed: " + e + "\nengine log:\n" + engine.logTail(), e);
        }
    }
}
