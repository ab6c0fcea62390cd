package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ProgramVersion;
import dev.accrue.loyalty.v1.ProgramVersionSummary;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.StateDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exactly once under SIGKILL. Each cycle drives purchases (with and without lines), returns of
 * acknowledged purchases (whole, or some units of some lines), redemptions (about one in 8 commands,
 * of a small amount from a member the model thinks has points, sometimes more than it has, to be
 * refused), two-step redemptions (about one in 10 commands: a hold of 3600 s dated now, on a member
 * with points and no hold, redemption or return unanswered; later a capture of all or part of it, or
 * a void; once the hold is acknowledged its member gets returns and redemptions like any other, a
 * return may leave it in debt beside the held points, and the capture must still redeem what it asks
 * and a void pay the debt: see {@link ExpectedLedger}), enrolments (one in 25
 * commands; enrolled members join the workload), admin commands (about one in 6: see
 * {@link AdminWorkload}: adjustments, merges, identity links, suspensions; commands then name a merged
 * member's id or card, to land on the survivor) and, in two cycles, a program change at the engine (a
 * separate process), kills it at a random moment, restarts it, and retries every command whose answer
 * was lost, plus a sample of acknowledged ones. Then every acknowledged command must be applied exactly
 * once, every retried one exactly once; balances, receipts and each member's history must match the
 * {@link ExpectedLedger} built from the answers, members and the audit log the {@link ExpectedMembers},
 * and the program versions must be listed once each.
 *
 * <p>Times: purchases before the first change are dated from {@link #T0}; each change is in force
 * from a time after every purchase sent so far, and the purchases after it are dated from there.
 * A change is sent while no purchase is unanswered, and no purchase follows until it is answered,
 * so every purchase is judged by the version the client expects.
 *
 * <p>Seeded: {@code -Daccrue.crashloop.seed=N} replays a run; {@code -Daccrue.crashloop.cycles=N}
 * runs more cycles (default 10).
 */
class CrashLoopTest {
    private static final int IN_FLIGHT = 16;
    private static final long T0 = 1_790_000_000_000L;
    /** The first change's effective time; each later one 30 days on. */
    private static final long FIRST_CHANGE = 2_000_000_000_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;
    private Vertx vertx;
    private EngineProcess engine;

    /** Purchases from {@code fromMillis} earn {@code pointsPerEuro}, by program {@code version}. */
    private record Phase(long pointsPerEuro, long fromMillis, long version) {
    }

    private final ExpectedMembers model = new ExpectedMembers();
    private final ExpectedLedger ledger = new ExpectedLedger(model);
    private final AdminCommands adminCommands = new AdminCommands();
    private final AdminWorkload admin = new AdminWorkload(ledger, model, adminCommands);
    private final List<Phase> phases = new CopyOnWriteArrayList<>(List.of(new Phase(1, T0, 1)));
    private final List<ProgramVersion> programChanges = new CopyOnWriteArrayList<>();
    /** The program change sent and not yet answered, or null. */
    private volatile ApplyProgramRequest changeInDoubt;

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
    // Restarts dominate: about 60 s for the default 10 cycles on a quiet machine, several times that on
    // a busy one or for a longer run; every call is bounded on its own, so a hang still fails.
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcknowledgedCommandSurvivesSigkillExactlyOnce() throws Exception {
        long seed = Long.getLong("accrue.crashloop.seed", System.nanoTime());
        int cycles = Integer.getInteger("accrue.crashloop.cycles", 10);
        System.out.println("CrashLoopTest seed=" + seed + " cycles=" + cycles
                + " (replay with -Daccrue.crashloop.seed=" + seed + ")");
        Random random = new Random(seed);
        LedgerAudit audit = new LedgerAudit(this::call, seed);
        MemberAudit memberAudit = new MemberAudit(this::call, seed);
        vertx = Vertx.vertx();
        engine = new EngineProcess(dir.resolve("data"), dir.resolve("engine.log"));
        engine.start();
        Clients clients = connect();

        for (int i = 0; i < 20; i++) {
            model.enrolled(enrol(clients, "enrol-" + i, "CARD-" + i).getMemberId(), "CARD-" + i);
        }
        Map<String, Long> enrolled = new ConcurrentHashMap<>();
        List<ProgramVersionSummary> versions = List.of();
        List<Integer> changeCycles = List.of(Math.max(2, cycles * 3 / 10), Math.max(3, cycles * 7 / 10));
        int next = 0;
        long auditMillis = 0;

        for (int cycle = 1; cycle <= cycles; cycle++) {
            InDoubt inDoubt = new InDoubt();
            boolean change = changeCycles.contains(cycle) && programChanges.size() < changeCycles.size();
            // A change cycle is sometimes cut short, so that the change itself is left in doubt.
            long killAfterMillis = change && random.nextBoolean() ? random.nextInt(30) : 50 + random.nextInt(600);
            int firstOfCycle = next;
            enrolled.forEach((eventId, member) -> model.enrolled(member, enrolledCard(eventId)));
            next = drive(clients, random, next, killAfterMillis, change, inDoubt, enrolled);
            engine.kill();
            String changeState = !change ? "" : changeInDoubt != null ? ", program change in doubt" : ", program changed";
            long restarting = System.nanoTime();
            engine.start();
            clients = connect();
            String recovered = engine.lastLogLine("recovered");
            System.out.printf("cycle %d: sent %d, in doubt %d, killed after %d ms%s; restarted in %d ms (%s)%n",
                    cycle, next - firstOfCycle, inDoubt.size() + adminCommands.inDoubt(), killAfterMillis, changeState,
                    (System.nanoTime() - restarting) / 1_000_000, recovered.substring(recovered.indexOf("recovered")));
            // An answer lost in the crash: the command was applied fully or not at all, and the
            // retry with the same event id has exactly one effect either way.
            if (changeInDoubt != null) {
                programChanged(call(clients.programs.applyProgram(changeInDoubt)));
            }
            for (ExpectedLedger.SentPurchase doubt : inDoubt.purchases.values()) {
                ledger.purchaseAcknowledged(new ExpectedLedger.SentPurchase(doubt.purchase(), doubt.memberId(),
                        doubt.pointsPerEuro(), call(clients.purchases.recordPurchase(doubt.purchase()))));
            }
            for (ExpectedLedger.SentReturn doubt : inDoubt.returns.values()) {
                ledger.returnAcknowledged(answered(doubt, call(clients.purchases.recordReturn(doubt.request()))));
            }
            for (ExpectedLedger.SentRedemption doubt : inDoubt.redemptions.values()) {
                ledger.redemptionAnswered(doubt, redeemed(clients.redemptions.redeem(doubt.request())));
            }
            for (HoldRequest doubt : inDoubt.holds.values()) {
                ledger.holdAcknowledged(doubt, call(clients.redemptions.hold(doubt)));
            }
            for (CaptureRequest doubt : inDoubt.captures.values()) {
                ledger.captureAcknowledged(doubt, call(clients.redemptions.capture(doubt)));
            }
            for (VoidHoldRequest doubt : inDoubt.voids.values()) {
                call(clients.redemptions.voidHold(doubt));
                ledger.voidAcknowledged(doubt.getHoldId());
            }
            for (EnrolRequest doubt : inDoubt.enrolments.values()) {
                enrolled.put(doubt.getEventId(), call(clients.members.enrol(doubt)).getMemberId());
            }
            // Every enrolment sent is now answered: each made exactly one member, and its retry
            // names that same member.
            assertEquals(20 + enrolled.size(), call(clients.diagnostics.getStateDigest(
                    GetStateDigestRequest.getDefaultInstance())).getMembers(), "one member per enrolment, seed " + seed);
            for (Map.Entry<String, Long> enrolment : enrolled.entrySet()) {
                assertEquals(enrolment.getValue(), call(clients.members.enrol(enrolmentRequest(enrolment.getKey(),
                        enrolledCard(enrolment.getKey())))).getMemberId(), "retry of " + enrolment.getKey() + " seed " + seed);
            }
            long auditing = System.nanoTime();
            adminCommands.retryInDoubt(seed);
            RetryAudit retries = new RetryAudit(this::call, ledger, seed);
            retries.sample(clients.purchases, clients.redemptions, clients.admin, model, random);
            retries.closedHoldsStayClosed(clients.redemptions, model, random, cycle);
            memberAudit.auditLog(clients.admin, model);
            adminCommands.assertNoSurprises(seed);
            audit.receipts(ledger, model, this::versionOfRate);
            audit.balances(clients.members, model.live(), ledger);
            audit.histories(clients.members, model, ledger);
            memberAudit.members(clients.members, model);
            versions = audit.programVersions(clients.programs, programChanges, versions);
            auditMillis += (System.nanoTime() - auditing) / 1_000_000;
        }
        assertEquals(changeCycles.size(), programChanges.size(), "program changes applied, seed " + seed);
        System.out.printf("acknowledged %d purchases, %d returns (%d by line), %d redemptions (%d refused), "
                        + "%d captures, %d voids, %d holds open; holds %s; %d program versions; admin %s; %d members live, "
                        + "%d commands named a merged member; retries and audits took %d ms%n",
                ledger.purchases().size(), ledger.returns().size(),
                ledger.returns().stream().filter(r -> r.request().getLinesCount() > 0).count(),
                ledger.redemptions().size(), ledger.refused(), ledger.captures().size(), ledger.voids(),
                ledger.holds().size(), ledger.summary(), versions.size(), adminCommands.summary(), model.live().size(),
                model.aliased(), auditMillis);

        StateDigest before = call(clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        engine.kill();
        engine.start();
        clients = connect();
        StateDigest rebuilt = call(clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()));
        assertEquals(before.getDigest(), rebuilt.getDigest(), "a rebuild from the journal gives the same state");
    }

    /** Commands sent in a cycle whose answers have not come (yet). */
    private static final class InDoubt {
        final Map<String, ExpectedLedger.SentPurchase> purchases = new ConcurrentHashMap<>();
        final Map<String, ExpectedLedger.SentReturn> returns = new ConcurrentHashMap<>();
        final Map<String, EnrolRequest> enrolments = new ConcurrentHashMap<>();
        final Map<String, ExpectedLedger.SentRedemption> redemptions = new ConcurrentHashMap<>();
        final Map<String, HoldRequest> holds = new ConcurrentHashMap<>();
        final Map<String, CaptureRequest> captures = new ConcurrentHashMap<>();
        final Map<String, VoidHoldRequest> voids = new ConcurrentHashMap<>();

        int size() {
            return purchases.size() + returns.size() + enrolments.size() + redemptions.size()
                    + holds.size() + captures.size() + voids.size();
        }
    }

    private int drive(Clients clients, Random random, int next, long killAfterMillis,
                      boolean change, InDoubt inDoubt, Map<String, Long> enrolled) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
        AtomicInteger outstanding = new AtomicInteger();
        if (change) {
            sendProgramChange(clients);
        }
        int n = next;
        while (System.nanoTime() < deadline) {
            if (outstanding.get() >= IN_FLIGHT) {
                Thread.onSpinWait();
                continue;
            }
            Phase phase = phases.get(phases.size() - 1);
            List<Long> live = model.live();
            if (n % 25 == 0) {
                EnrolRequest enrolment = enrolmentRequest("crash-enrol-" + n, "CRASH-CARD-" + n);
                n++;
                outstanding.incrementAndGet();
                inDoubt.enrolments.put(enrolment.getEventId(), enrolment);
                clients.members.enrol(enrolment).onComplete((reply, error) -> {
                    if (error == null) {
                        inDoubt.enrolments.remove(enrolment.getEventId());
                        enrolled.put(enrolment.getEventId(), reply.getMemberId());
                    }
                    outstanding.decrementAndGet();
                });
                continue;
            }
            if (random.nextInt(6) == 0 && admin.step(random, n, outstanding)) {
                n++;
                continue;
            }
            if (random.nextInt(10) == 0 && holdStep(clients, random, live, n, outstanding, inDoubt)) {
                n++;
                continue;
            }
            if (random.nextInt(8) == 0) {
                ExpectedLedger.SentRedemption redemption = ledger.nextRedemption(random, live, RedeemRequest.newBuilder()
                        .setEventId("crash-redeem-" + n).setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5)
                        .setOccurredAt(seconds(phase.fromMillis() + n * 1000L)));
                if (redemption != null) {
                    n++;
                    outstanding.incrementAndGet();
                    inDoubt.redemptions.put(redemption.request().getEventId(), redemption);
                    clients.redemptions.redeem(redemption.request()).onComplete((receipt, error) -> {
                        if (error == null || refused(error)) {
                            inDoubt.redemptions.remove(redemption.request().getEventId());
                            ledger.redemptionAnswered(redemption, receipt);
                        }
                        outstanding.decrementAndGet();
                    });
                    continue;
                }
            }
            if (random.nextInt(5) == 0 || changeInDoubt != null) {
                ExpectedLedger.SentReturn sent = ledger.nextReturn(random, Return.newBuilder()
                        .setEventId("crash-return-" + n).setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5)
                        .setOccurredAt(seconds(phase.fromMillis() + n * 1000L)));
                if (sent == null) {
                    Thread.onSpinWait();
                    continue;
                }
                n++;
                outstanding.incrementAndGet();
                inDoubt.returns.put(sent.request().getEventId(), sent);
                clients.purchases.recordReturn(sent.request()).onComplete((receipt, error) -> {
                    if (error == null) {
                        inDoubt.returns.remove(sent.request().getEventId());
                        ledger.returnAcknowledged(answered(sent, receipt));
                    }
                    outstanding.decrementAndGet();
                });
                continue;
            }
            long member = live.get(random.nextInt(live.size()));
            Purchase purchase = purchase(random, n, model.ref(random, member), phase.fromMillis());
            n++;
            long rate = phase.pointsPerEuro();
            outstanding.incrementAndGet();
            inDoubt.purchases.put(purchase.getEventId(), new ExpectedLedger.SentPurchase(purchase, member, rate, null));
            clients.purchases.recordPurchase(purchase).onComplete((receipt, error) -> {
                if (error == null) {
                    inDoubt.purchases.remove(purchase.getEventId());
                    ledger.purchaseAcknowledged(new ExpectedLedger.SentPurchase(purchase, member, rate, receipt));
                }
                outstanding.decrementAndGet();
            });
        }
        return n;
    }

    /**
     * Closes an acknowledged open hold (half the time, if any): captures all of it, part of it, or voids
     * it; or else opens a hold. True if a command was sent.
     */
    private boolean holdStep(Clients clients, Random random, List<Long> live, int n, AtomicInteger outstanding,
                             InDoubt inDoubt) {
        Timestamp now = seconds(System.currentTimeMillis());
        ExpectedLedger.Hold hold = random.nextBoolean() ? ledger.nextClose(random) : null;
        if (hold != null) {
            MemberRef member = hold.request.getMember();
            int how = random.nextInt(3);
            outstanding.incrementAndGet();
            if (how == 2) {
                VoidHoldRequest request = VoidHoldRequest.newBuilder().setEventId("crash-void-" + n)
                        .setHoldId(hold.request.getEventId()).setMember(member).setOccurredAt(now).build();
                inDoubt.voids.put(request.getEventId(), request);
                clients.redemptions.voidHold(request).onComplete((receipt, error) -> {
                    if (error == null) {
                        inDoubt.voids.remove(request.getEventId());
                        ledger.voidAcknowledged(request.getHoldId());
                    }
                    outstanding.decrementAndGet();
                });
                return true;
            }
            long points = how == 0 ? 0 : 1 + random.nextInt((int) hold.request.getPoints());
            CaptureRequest request = CaptureRequest.newBuilder().setEventId("crash-capture-" + n)
                    .setHoldId(hold.request.getEventId()).setMember(member).setOccurredAt(now).setPoints(points).build();
            inDoubt.captures.put(request.getEventId(), request);
            clients.redemptions.capture(request).onComplete((receipt, error) -> {
                if (error == null) {
                    inDoubt.captures.remove(request.getEventId());
                    ledger.captureAcknowledged(request, receipt);
                }
                outstanding.decrementAndGet();
            });
            return true;
        }
        HoldRequest request = ledger.nextHold(random, live, HoldRequest.newBuilder().setEventId("crash-hold-" + n)
                .setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5).setOccurredAt(now).setTtlSeconds(3600));
        if (request == null) {
            return false;
        }
        outstanding.incrementAndGet();
        inDoubt.holds.put(request.getEventId(), request);
        clients.redemptions.hold(request).onComplete((receipt, error) -> {
            if (error == null) {
                inDoubt.holds.remove(request.getEventId());
                ledger.holdAcknowledged(request, receipt);
            }
            outstanding.decrementAndGet();
        });
        return true;
    }

    /**
     * Sends the next program change: k+1 points per euro, in force 30 days after the previous
     * change (after every purchase sent so far). The next start's program file is the new program,
     * so the engine does not take the file for a change of its own.
     */
    private void sendProgramChange(Clients clients) {
        int k = programChanges.size() + 1;
        Program.Builder program = TestPrograms.baseOnly().setName("Crash program " + (k + 1) + " per euro");
        program.setBaseEarn(0, TestPrograms.rate("EUR", k + 1, 100));
        ApplyProgramRequest request = ApplyProgramRequest.newBuilder().setEventId("crash-program-" + k)
                .setProgram(program).setEffectiveFrom(seconds(FIRST_CHANGE + (k - 1) * 30 * DAY)).build();
        engine.programFile(program.build());
        changeInDoubt = request;
        clients.programs.applyProgram(request).onSuccess(this::programChanged);
    }

    /** Idempotent: a late answer and the retry's may both arrive. */
    private synchronized void programChanged(ProgramVersion version) {
        if (programChanges.stream().anyMatch(v -> v.getVersion() == version.getVersion())) {
            return;
        }
        programChanges.add(version);
        long rate = version.getProgram().getBaseEarn(0).getPoints();
        phases.add(new Phase(rate, version.getEffectiveFrom().getSeconds() * 1000, version.getVersion()));
        changeInDoubt = null;
    }

    private long versionOfRate(long pointsPerEuro) {
        return phases.stream().filter(p -> p.pointsPerEuro() == pointsPerEuro).findFirst().orElseThrow().version();
    }

    /** FAILED_PRECONDITION: the member had fewer available points than asked, and nothing changed. */
    private static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidStatusException e && e.actualStatus() == GrpcStatus.FAILED_PRECONDITION) {
                return true;
            }
        }
        return false;
    }

    /** A redemption's answer after the restart: its receipt, or null if it was refused. */
    private RedemptionReceipt redeemed(Future<RedemptionReceipt> future) throws Exception {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (refused(e)) {
                return null;
            }
            throw new AssertionError("call failed: " + e + "\nengine log:\n" + engine.logTail(), e);
        }
    }

    private static ExpectedLedger.SentReturn answered(ExpectedLedger.SentReturn sent, ReturnReceipt receipt) {
        return new ExpectedLedger.SentReturn(sent.request(), sent.memberId(), sent.expectedTaken(), receipt);
    }

    private EnrolReply enrol(Clients clients, String eventId, String card) throws Exception {
        return call(clients.members.enrol(enrolmentRequest(eventId, card)));
    }

    private static String enrolledCard(String eventId) {
        return "CRASH-CARD-" + eventId.substring("crash-enrol-".length());
    }

    private static EnrolRequest enrolmentRequest(String eventId, String card) {
        return EnrolRequest.newBuilder().setEventId(eventId).setCardNumber(card)
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(T0 / 1000)).build();
    }

    /** Half the purchases have one to three lines of one to four units; the rest a total only. */
    private static Purchase purchase(Random random, int n, MemberRef member, long fromMillis) {
        Purchase.Builder purchase = Purchase.newBuilder()
                .setEventId("crash-" + n)
                .setMember(member)
                .setPartnerId("partner-" + n % 3)
                .setStoreId("store-" + n % 5)
                .setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(seconds(fromMillis + n * 1000L))
                .setCurrency("EUR");
        if (random.nextBoolean()) {
            return purchase.setTotalMinor(100 + random.nextInt(100_000)).build();
        }
        long total = 0;
        for (int line = 1 + random.nextInt(3); line > 0; line--) {
            long amount = 50 + random.nextInt(30_000);
            purchase.addLines(LineItem.newBuilder().setSku("SKU-" + random.nextInt(50))
                    .setQuantity(1 + random.nextInt(4)).setAmountMinor(amount));
            total += amount;
        }
        return purchase.setTotalMinor(total).build();
    }

    private static Timestamp seconds(long millis) {
        return Timestamp.newBuilder().setSeconds(millis / 1000).build();
    }

    private record Clients(PurchasesGrpcClient purchases, MembersGrpcClient members, DiagnosticsGrpcClient diagnostics,
                           ProgramsGrpcClient programs, RedemptionsGrpcClient redemptions, MemberAdminGrpcClient admin) {
    }

    /** Connects once the restarted engine serves (recovery first replays the journal). */
    private Clients connect() throws Exception {
        SocketAddress address = SocketAddress.inetSocketAddress(engine.port(), "127.0.0.1");
        GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setHttp2MultiplexingLimit(1_000));
        Clients clients = new Clients(PurchasesGrpcClient.create(client, address),
                MembersGrpcClient.create(client, address), DiagnosticsGrpcClient.create(client, address),
                ProgramsGrpcClient.create(client, address), RedemptionsGrpcClient.create(client, address),
                MemberAdminGrpcClient.create(client, address));
        adminCommands.connect(new AdminCommands.Stubs(clients.members, clients.admin, clients.redemptions));
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

    <T> T call(Future<T> future) throws Exception {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call failed: " + e + "\nengine log:\n" + engine.logTail(), e);
        }
    }
}
