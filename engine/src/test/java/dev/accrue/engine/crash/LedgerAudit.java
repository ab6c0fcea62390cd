package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.ListProgramVersionsRequest;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.ProgramVersion;
import dev.accrue.loyalty.v1.ProgramVersionSummary;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the engine through its public API after a restart and checks it against the {@link ExpectedLedger}. */
final class LedgerAudit {
    /** Waits for a call's answer (the test's call(), which adds the engine's log to a failure). */
    interface Caller {
        <T> T call(Future<T> future) throws Exception;
    }

    private final Caller caller;
    private final String seed;

    LedgerAudit(Caller caller, long seed) {
        this.caller = caller;
        this.seed = " (seed " + seed + ")";
    }

    /**
     * Every receipt says what the model expects: points per line at the purchase's rate, line shares
     * back; and names the member the command landed on: the one it was sent to, or the survivor of a
     * merge applied before it.
     */
    void receipts(ExpectedLedger ledger, ExpectedMembers members, Function<Long, Long> versionOfRate) {
        for (ExpectedLedger.SentPurchase p : ledger.purchases()) {
            long expected = java.util.Arrays.stream(p.linePoints()).sum();
            assertEquals(expected, p.receipt().getPointsEarned(), "points of " + p.purchase().getEventId() + seed);
            assertEquals(members.resolveAt(p.memberId(), p.receipt().getSequence()), p.receipt().getMemberId(),
                    "member of " + p.purchase().getEventId() + seed);
            if (p.receipt().getProgramVersion() != 0) {
                assertEquals(versionOfRate.apply(p.pointsPerEuro()), p.receipt().getProgramVersion(),
                        "version judging " + p.purchase().getEventId() + seed);
            }
        }
        for (ExpectedLedger.SentReturn r : ledger.returns()) {
            assertEquals(r.expectedTaken(), r.receipt().getPointsTaken(), "points taken by " + r.request() + seed);
            assertEquals(r.memberId(), r.receipt().getMemberId(), "member of " + r.request().getEventId() + seed);
        }
        for (ExpectedLedger.SentRedemption r : ledger.redemptions()) {
            assertEquals(r.request().getPoints(), r.receipt().getPointsRedeemed(), "points of " + r.request().getEventId() + seed);
            assertEquals(r.memberId(), r.receipt().getMemberId(), "member of " + r.request().getEventId() + seed);
            assertTrue(r.receipt().getBalance() >= 0, "balance after " + r.request().getEventId() + seed);
        }
        for (ExpectedHolds.Hold h : ledger.holds()) {
            assertEquals(h.request.getPoints(), h.receipt.getPointsHeld(), "points held by " + h.request.getEventId() + seed);
            assertEquals(h.memberId(), members.resolve(h.receipt.getMemberId()), "member of " + h.request.getEventId() + seed);
            assertTrue(h.receipt.getBalance() >= 0, "balance after " + h.request.getEventId() + seed);
        }
        for (ExpectedHolds.SentCapture c : ledger.captures()) {
            assertEquals(c.expected(), c.receipt().getPointsRedeemed(), "points of " + c.request() + seed);
            assertEquals(c.memberId(), c.receipt().getMemberId(), "member of " + c.request().getEventId() + seed);
        }
        for (ExpectedLedger.SentAdjustment a : ledger.adjustments()) {
            // The first answer is the member just after it; a retry's, the member as it stood then.
            assertTrue(a.reply().getLastSequence() >= members.sequenceOf(a.request().getEventId()),
                    "answer to " + a.request().getEventId() + " is the member after it" + seed);
        }
    }

    /**
     * Each member's points (a survivor's with those of the members merged into it) are what they
     * earned net of returns, redemptions and adjustments: lots minus debt (nothing expires here, so
     * debt is what returns took after the points were spent or never earned; a member with debt holds
     * no lots but the points its hold keeps, which debt never takes); and so is the sum over members, which
     * is also the sum of the engine's own lifetime totals. Lifetime earned is net of returns; lifetime
     * redeemed is the acknowledged redemptions; lifetime adjusted the acknowledged adjustments.
     */
    void balances(MembersGrpcClient members, List<Long> memberIds, ExpectedLedger ledger) throws Exception {
        Map<Long, Long> net = ledger.netByMember();
        Map<Long, Long> earned = ledger.earnedByMember();
        Map<Long, Long> redeemed = ledger.redeemedByMember();
        Map<Long, Long> adjusted = ledger.adjustedByMember();
        Map<Long, Long> held = ledger.heldByMember();
        long availableMinusDebt = 0;
        long lifetimeNet = 0;
        for (long member : memberIds) {
            Balance balance = caller.call(members.getBalance(GetBalanceRequest.newBuilder()
                    .setMember(MemberRef.newBuilder().setMemberId(member)).build()));
            long expected = net.getOrDefault(member, 0L);
            String who = "member " + member + seed;
            long heldPoints = held.getOrDefault(member, 0L);
            // Lots = max(net, held), debt = max(held - net, 0): available (spendable) = lots - held.
            assertEquals(Math.max(expected - heldPoints, 0), balance.getAvailable(),
                    "available (spendable: lots - " + heldPoints + " held) of " + who);
            availableMinusDebt += heldPoints;
            assertEquals(Math.max(heldPoints - expected, 0), balance.getDebt(), "debt of " + who);
            assertEquals(earned.getOrDefault(member, 0L), balance.getLifetimeEarned(), "lifetime earned (net of returns) of " + who);
            assertEquals(redeemed.getOrDefault(member, 0L), balance.getLifetimeRedeemed(), "lifetime redeemed of " + who);
            assertEquals(adjusted.getOrDefault(member, 0L), balance.getLifetimeAdjusted(), "lifetime adjusted of " + who);
            assertEquals(0, balance.getPending(), "pending of " + who);
            availableMinusDebt += balance.getAvailable() - balance.getDebt();
            lifetimeNet += balance.getLifetimeEarned() - balance.getLifetimeRedeemed() - balance.getLifetimeExpired()
                    + balance.getLifetimeAdjusted();
        }
        assertEquals(net.values().stream().mapToLong(Long::longValue).sum(), availableMinusDebt,
                "sum of available - sum of debt = earned - returned - redeemed + adjusted (the model's)" + seed);
        assertEquals(lifetimeNet, availableMinusDebt,
                "sum of available - sum of debt = earned - returned - redeemed - expired + adjusted (the engine's)" + seed);
    }

    /**
     * Each member's history holds every acknowledged purchase, return, redemption and adjustment exactly
     * once, with the receipt's sequence and points, newest first, and nothing else; a survivor's also
     * holds a MERGED movement (0 points) per member merged into it and, interleaved, that member's
     * movements from before the merge, naming it. Its points sum to the net earned. Needs the admin
     * changes' sequences from the audit log.
     */
    void histories(MembersGrpcClient members, ExpectedMembers model, ExpectedLedger ledger) throws Exception {
        Map<Long, Map<String, MemberMovement>> expected = new HashMap<>();
        MovementSink sink = new MovementSink(model, expected);
        for (ExpectedLedger.SentPurchase p : ledger.purchases()) {
            sink.add(p.memberId(), p.purchase().getEventId(), MemberMovement.newBuilder()
                    .setKind(MovementKind.MOVEMENT_KIND_EARNED)
                    .setSequence(p.receipt().getSequence()).setPoints(p.receipt().getPointsEarned()));
        }
        for (ExpectedLedger.SentReturn r : ledger.returns()) {
            sink.add(r.memberId(), r.request().getEventId(), MemberMovement.newBuilder()
                    .setKind(MovementKind.MOVEMENT_KIND_RETURNED)
                    .setSequence(r.receipt().getSequence()).setPoints(-r.receipt().getPointsTaken())
                    .setPurchaseEventId(r.request().getPurchaseEventId()));
        }
        for (ExpectedLedger.SentRedemption r : ledger.redemptions()) {
            sink.add(r.memberId(), r.request().getEventId(), MemberMovement.newBuilder()
                    .setKind(MovementKind.MOVEMENT_KIND_REDEEMED)
                    .setSequence(r.receipt().getSequence()).setPoints(-r.receipt().getPointsRedeemed()));
        }
        for (ExpectedHolds.SentCapture c : ledger.captures()) {
            sink.add(c.memberId(), c.request().getEventId(), MemberMovement.newBuilder()
                    .setKind(MovementKind.MOVEMENT_KIND_REDEEMED)
                    .setSequence(c.receipt().getSequence()).setPoints(-c.receipt().getPointsRedeemed()));
        }
        for (ExpectedLedger.SentAdjustment a : ledger.adjustments()) {
            long sequence = model.sequenceOf(a.request().getEventId());
            sink.add(a.memberId(), a.request().getEventId(), MemberMovement.newBuilder()
                    .setKind(MovementKind.MOVEMENT_KIND_ADJUSTED).setSequence(sequence)
                    .setPoints(a.request().getPoints()).setAdmin(a.request().getAdmin()).setReason(a.request().getReason()));
        }
        sink.addMerges();
        for (long member : model.live()) {
            List<MemberMovement> history = history(members, member);
            Map<String, MemberMovement> wanted = expected.getOrDefault(member, Map.of());
            String who = "history of member " + member + seed;
            assertEquals(wanted.size(), history.size(), who + ": " + summary(history));
            Map<String, MemberMovement> seen = new HashMap<>();
            long sum = 0;
            for (int i = 0; i < history.size(); i++) {
                MemberMovement m = history.get(i);
                String key = MovementSink.key(m);
                assertTrue(seen.put(key, m) == null, who + " lists " + key + " twice");
                MemberMovement want = wanted.get(key);
                assertNotNull(want, who + " lists " + key + ", never acknowledged to this member");
                assertEquals(want, m.toBuilder().clearOccurredAt().clearEventId().clearProgramVersion()
                        .clearEarnedByRule().clearPendingPoints().build(), who + ": " + key);
                if (i > 0) {
                    assertTrue(history.get(i - 1).getSequence() > m.getSequence(), who + " is not newest first at " + i);
                }
                sum += m.getPoints();
            }
            long net = wanted.values().stream().mapToLong(MemberMovement::getPoints).sum();
            assertEquals(net, sum, who + ": movements sum to the points earned net of returns, redemptions, adjustments");
        }
    }

    /** Every page, newest first, in pages small enough to cross page boundaries. */
    private List<MemberMovement> history(MembersGrpcClient members, long member) throws Exception {
        List<MemberMovement> movements = new ArrayList<>();
        String token = "";
        do {
            History page = caller.call(members.getHistory(GetHistoryRequest.newBuilder()
                    .setMember(MemberRef.newBuilder().setMemberId(member)).setPageSize(40).setPageToken(token).build()));
            movements.addAll(page.getMovementsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return movements;
    }

    private static String summary(List<MemberMovement> history) {
        return history.stream().map(m -> m.getKind().name().substring(14) + " " + MovementSink.key(m) + "@" + m.getSequence())
                .toList().toString();
    }

    /**
     * Each acknowledged program change is listed exactly once, as the version its answer named, and
     * what was listed before the restart is listed unchanged. Returns the list.
     */
    List<ProgramVersionSummary> programVersions(ProgramsGrpcClient programs, List<ProgramVersion> applied,
                                                List<ProgramVersionSummary> before) throws Exception {
        List<ProgramVersionSummary> listed = caller.call(programs.listProgramVersions(
                ListProgramVersionsRequest.getDefaultInstance())).getVersionsList();
        assertEquals(before, listed.subList(0, Math.min(before.size(), listed.size())),
                "versions listed before the restart are listed unchanged after it" + seed);
        for (ProgramVersion version : applied) {
            List<ProgramVersionSummary> same = listed.stream()
                    .filter(v -> v.getName().equals(version.getProgram().getName())
                            && v.getEffectiveFrom().equals(version.getEffectiveFrom()))
                    .toList();
            assertEquals(1, same.size(), "version " + version.getProgram().getName() + " listed once: " + listed + seed);
            assertEquals(version.getVersion(), same.get(0).getVersion(), "number of " + version.getProgram().getName() + seed);
        }
        return listed;
    }
}
