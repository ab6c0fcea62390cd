package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.VoidHoldRequest;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands one cycle sends until the kill, at most {@link #IN_FLIGHT} unanswered at a time:
 * every 25th an enrolment; else about one in 6 an admin command ({@link AdminWorkload}), one in 10 a
 * hold, capture or void, one in 8 a redemption, one in 5 a return (every one while a program change is
 * in doubt, as no purchase may follow it unanswered), and the rest purchases. The models say which
 * member may get what ({@link ExpectedLedger}, {@link ExpectedMembers}); {@link CustomerCommands}
 * sends the customer commands and keeps them in doubt.
 */
final class CycleWorkload {
    private static final int IN_FLIGHT = 16;

    private final ExpectedLedger ledger;
    private final ExpectedMembers members;
    private final AdminWorkload admin;
    private final CustomerCommands commands;
    private final ProgramChanges programs;

    CycleWorkload(ExpectedLedger ledger, ExpectedMembers members, AdminWorkload admin, CustomerCommands commands,
                  ProgramChanges programs) {
        this.ledger = ledger;
        this.members = members;
        this.admin = admin;
        this.commands = commands;
        this.programs = programs;
    }

    /**
     * Sends commands numbered from {@code next} for {@code killAfterMillis}, after the program change
     * first if {@code change}; returns the next command's number.
     */
    int drive(ProgramsGrpcClient programsClient, Random random, int next, long killAfterMillis, boolean change) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
        AtomicInteger outstanding = new AtomicInteger();
        if (change) {
            programs.send(programsClient);
        }
        int n = next;
        while (System.nanoTime() < deadline) {
            if (outstanding.get() >= IN_FLIGHT) {
                Thread.onSpinWait();
                continue;
            }
            ProgramChanges.Phase phase = programs.current();
            List<Long> live = members.live();
            if (n % 25 == 0) {
                commands.enrol(Enrolments.workload(n), outstanding);
                n++;
                continue;
            }
            if (random.nextInt(6) == 0 && admin.step(random, n, outstanding)) {
                n++;
                continue;
            }
            if (random.nextInt(10) == 0 && holdStep(random, live, n, outstanding)) {
                n++;
                continue;
            }
            if (random.nextInt(8) == 0 && redemption(random, live, n, phase, outstanding)) {
                n++;
                continue;
            }
            if (random.nextInt(5) == 0 || programs.inDoubt()) {
                // No purchase while a change is in doubt: when no return is found either, wait.
                if (recordReturn(random, n, phase, outstanding)) {
                    n++;
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            long member = live.get(random.nextInt(live.size()));
            Purchase purchase = purchase(random, n, members.ref(random, member), phase.fromMillis());
            n++;
            commands.purchase(new ExpectedLedger.SentPurchase(purchase, member, phase.pointsPerEuro(), null), outstanding);
        }
        return n;
    }

    /**
     * Closes an acknowledged open hold (half the time, if any): captures all of it, part of it, or voids
     * it; or else opens a hold. True if a command was sent.
     */
    private boolean holdStep(Random random, List<Long> live, int n, AtomicInteger outstanding) {
        Timestamp now = seconds(System.currentTimeMillis());
        ExpectedHolds.Hold hold = random.nextBoolean() ? ledger.nextClose(random) : null;
        if (hold != null) {
            MemberRef member = hold.request.getMember();
            int how = random.nextInt(3);
            if (how == 2) {
                commands.voidHold(VoidHoldRequest.newBuilder().setEventId("crash-void-" + n)
                        .setHoldId(hold.request.getEventId()).setMember(member).setOccurredAt(now).build(), outstanding);
                return true;
            }
            long points = how == 0 ? 0 : 1 + random.nextInt((int) hold.request.getPoints());
            commands.capture(CaptureRequest.newBuilder().setEventId("crash-capture-" + n)
                    .setHoldId(hold.request.getEventId()).setMember(member).setOccurredAt(now).setPoints(points).build(),
                    outstanding);
            return true;
        }
        HoldRequest request = ledger.nextHold(random, live, HoldRequest.newBuilder().setEventId("crash-hold-" + n)
                .setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5).setOccurredAt(now).setTtlSeconds(3600));
        if (request == null) {
            return false;
        }
        commands.hold(request, outstanding);
        return true;
    }

    /** A redemption from a member the model thinks has points; true if one was sent. */
    private boolean redemption(Random random, List<Long> live, int n, ProgramChanges.Phase phase,
                               AtomicInteger outstanding) {
        ExpectedLedger.SentRedemption redemption = ledger.nextRedemption(random, live, RedeemRequest.newBuilder()
                .setEventId("crash-redeem-" + n).setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5)
                .setOccurredAt(seconds(phase.fromMillis() + n * 1000L)));
        if (redemption == null) {
            return false;
        }
        commands.redeem(redemption, outstanding);
        return true;
    }

    /** A return of an acknowledged purchase; true if one was sent. */
    private boolean recordReturn(Random random, int n, ProgramChanges.Phase phase, AtomicInteger outstanding) {
        ExpectedLedger.SentReturn sent = ledger.nextReturn(random, Return.newBuilder()
                .setEventId("crash-return-" + n).setPartnerId("partner-" + n % 3).setStoreId("store-" + n % 5)
                .setOccurredAt(seconds(phase.fromMillis() + n * 1000L)));
        if (sent == null) {
            return false;
        }
        commands.recordReturn(sent, outstanding);
        return true;
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
}
