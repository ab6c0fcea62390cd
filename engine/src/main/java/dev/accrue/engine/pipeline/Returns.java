package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.ExpiredPoints;
import dev.accrue.engine.rules.MemberWallets;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.state.PurchaseIndex;

/**
 * Applies a return: finds the purchase by its event id, works out what the returned units earned
 * (the purchase's own record of points per line, so the rules in force at the purchase decide, not
 * today's), takes those points back (the purchase's lot while pending, then pending, then available
 * points, oldest first; what the member already spent becomes debt, shown as a negative balance or
 * as debt by the program's return policy; what already expired is not taken again, see
 * {@link ExpiredPoints}), takes back the tier progress, and undoes an upgrade the
 * purchase brought within the member's current period (under the version in force now).
 *
 * <p>Units of a line are returned at the line's average: after q of Q units are back, the line has
 * returned {@code floor(points * q / Q)} points in all, so returning every unit, at once or piece
 * by piece, returns exactly what the line earned. Basket-level points (threshold, welcome and
 * birthday bonuses) go back in proportion to the amount returned of the lines basket rules counted
 * (excluded lines count nothing), all of them with the last unit.
 * Business-logic thread only; no allocation.
 */
final class Returns {
    private final MemberStore members;
    private final PurchaseIndex purchases;
    private final MovementLog movements;
    private final EngineCounters counters;
    private final ProgramVersions programs;
    private final MemberSettlement settlement;
    private final MemberLookup lookup;
    private final long returnWindowMillis;
    private final Movement purchase = new Movement();
    private final Movement earlier = new Movement();
    private final Movement movement = new Movement();
    private final long[] returnedBefore = new long[Movement.MAX_LINES];
    private final long[] returningNow = new long[Movement.MAX_LINES];

    Returns(MemberStore members, PurchaseIndex purchases, MovementLog movements, EngineCounters counters,
            ProgramVersions programs, MemberSettlement settlement, MemberLookup lookup, long returnWindowMillis) {
        this.returnWindowMillis = returnWindowMillis;
        this.members = members;
        this.purchases = purchases;
        this.movements = movements;
        this.counters = counters;
        this.programs = programs;
        this.settlement = settlement;
        this.lookup = lookup;
    }

    void apply(CommandSlot slot, MemberRecord r) {
        long purchaseOffset = purchases.purchase(slot.returnOf);
        // Past the window the purchase is unknown, swept yet or not: what a return may name, and
        // what expired points are kept for it, depend on the clock alone.
        if (purchaseOffset < 0 || purchases.recordedAtMillis() < counters.clockMillis() - returnWindowMillis) {
            slot.result = ResultCode.PURCHASE_NOT_FOUND;
            return;
        }
        long latestReturn = purchases.latestReturn();
        movements.read(purchaseOffset, purchase);
        int lines = purchase.lineCount;
        java.util.Arrays.fill(returnedBefore, 0, lines, 0);
        java.util.Arrays.fill(returningNow, 0, lines, 0);
        for (long at = latestReturn; at >= 0; at = earlier.relatedPrevious - 1) {
            movements.read(at, earlier);
            for (int i = 0; i < lines; i++) {
                returnedBefore[i] += earlier.lineQuantity[i];
            }
        }
        ResultCode requested = requested(slot, lines);
        if (requested != ResultCode.OK) {
            slot.result = requested;
            return;
        }
        // The buyer, or the member it was merged into since: the points went there.
        long memberId = lookup.resolve(purchase.memberId, r);
        if (memberId == dev.accrue.engine.state.IdentityStore.NO_MEMBER) {
            slot.result = ResultCode.MEMBER_NOT_FOUND;
            return;
        }
        long now = counters.clockMillis();
        settlement.settleAndRecord(r, memberId, now, slot.sequence);

        Movement m = movement.clear(Movement.Kind.RETURNED);
        long totalAmount = 0;
        long returnedAmountBefore = 0;
        long returnedAmountAfter = 0;
        long lineTotal = 0;
        long taken = 0;
        long qualifying = 0;
        boolean everything = true;
        m.lineCount = lines;
        for (int i = 0; i < lines; i++) {
            long quantity = purchase.lineQuantity[i];
            long before = returnedBefore[i];
            long after = before + returningNow[i];
            m.lineQuantity[i] = returningNow[i];
            m.linePoints[i] = share(purchase.linePoints[i], after, quantity) - share(purchase.linePoints[i], before, quantity);
            m.lineQualifying[i] = share(purchase.lineQualifying[i], after, quantity)
                    - share(purchase.lineQualifying[i], before, quantity);
            m.lineAmountMinor[i] = share(purchase.lineAmountMinor[i], after, quantity)
                    - share(purchase.lineAmountMinor[i], before, quantity);
            m.lineBasketAmount[i] = share(purchase.lineBasketAmount[i], after, quantity)
                    - share(purchase.lineBasketAmount[i], before, quantity);
            taken += m.linePoints[i];
            qualifying += m.lineQualifying[i];
            // Basket-level points by the amounts basket rules counted: an excluded line (a gift
            // card) returned takes none of a threshold bonus it did not help reach.
            totalAmount += purchase.lineBasketAmount[i];
            returnedAmountBefore += share(purchase.lineBasketAmount[i], before, quantity);
            returnedAmountAfter += share(purchase.lineBasketAmount[i], after, quantity);
            lineTotal += purchase.linePoints[i];
            everything &= after == quantity;
        }
        long basket = purchase.points - lineTotal;
        long basketTaken = everything ? basket - share(basket, returnedAmountBefore, totalAmount)
                : share(basket, returnedAmountAfter, totalAmount) - share(basket, returnedAmountBefore, totalAmount);
        taken += basketTaken;

        // Points of the purchase that expired are gone already: the return takes back the rest.
        long expiredBefore = purchase.expiresAtMillis <= r.settledThroughMillis
                ? ExpiredPoints.claim(r, purchase.expiresAtMillis, taken) : 0;
        PointLots.takeBack(r, taken - expiredBefore, purchase.pendingUntilMillis, purchase.expiresAtMillis);
        r.lifetimeEarned -= taken;
        r.lifetimeExpired -= expiredBefore;
        CompiledProgram program = programs.program(purchase.programVersion - 1);
        takeBackWalletUnits(r, m, program, lines);
        if (qualifying != 0) {
            TierProgress.add(r, program.qualifyingPeriod(), purchase.occurredAtMillis, -qualifying);
            // Under the version in force now, as a review would be: the purchase's thresholds and
            // window may no longer be the ones the member's tier is held by.
            TierProgress.undoUpgrade(r, programs.program(programs.indexAt(now)), now);
        }
        r.lastSequence = slot.sequence;

        m.memberId = memberId;
        m.previous = r.latestMovement;
        m.sequence = slot.sequence;
        m.occurredAtMillis = slot.occurredAtMillis;
        m.points = expiredBefore - taken;
        m.pendingPoints = expiredBefore;
        m.related = purchaseOffset + 1;
        m.relatedPrevious = latestReturn + 1;
        m.programVersion = purchase.programVersion;
        m.eventId.append(slot.eventId);
        BalanceCopy.copy(slot, memberId, r, now, programs);
        m.returnReceipt(slot.debt, slot.tier);
        long offset = movements.append(m);
        r.latestMovement = offset + 1;
        counters.movementLogLength(movements.length());
        settlement.recordNotices(r, memberId, now, slot.occurredAtMillis, slot.sequence, slot.eventId);
        members.write(memberId, r);
        purchases.addReturn(slot.returnOf, offset);

        slot.resultMemberId = memberId;
        slot.pointsEarned = expiredBefore - taken;
        slot.result = ResultCode.OK;
    }

    /** Fills {@link #returningNow} from the slot: the given lines, or everything not yet returned. */
    private ResultCode requested(CommandSlot slot, int lines) {
        boolean any = false;
        if (slot.lineCount == 0) {
            for (int i = 0; i < lines; i++) {
                returningNow[i] = purchase.lineQuantity[i] - returnedBefore[i];
                any |= returningNow[i] > 0;
            }
            return any ? ResultCode.OK : ResultCode.RETURN_EXCEEDS_PURCHASE;
        }
        for (int k = 0; k < slot.lineCount; k++) {
            int line = slot.returnLine[k];
            if (line < 0 || line >= lines) {
                return ResultCode.RETURN_LINE_UNKNOWN;
            }
            returningNow[line] += slot.lineQuantity[k];
            if (returnedBefore[line] + returningNow[line] > purchase.lineQuantity[line]) {
                return ResultCode.RETURN_EXCEEDS_PURCHASE;
            }
        }
        return ResultCode.OK;
    }

    /**
     * The returned units' share of what the purchase's wallet grants gave, line by line, as far as
     * the wallet still holds it (units already used are the shop's to settle, not points debt).
     * Recorded as entries of the RETURNED movement.
     */
    private void takeBackWalletUnits(MemberRecord r, Movement m, CompiledProgram program, int lines) {
        m.entryCount = 0;
        for (int e = 0; e < purchase.entryCount; e++) {
            if (purchase.entryRule[e] > Movement.WALLET_GRANT_BASE) {
                continue;
            }
            int line = purchase.entryLine[e];
            long quantity = purchase.lineQuantity[line];
            long units = share(purchase.entryPoints[e], returnedBefore[line] + returningNow[line], quantity)
                    - share(purchase.entryPoints[e], returnedBefore[line], quantity);
            long key = program.wallets().grantWalletKey(Movement.walletGrant(purchase.entryRule[e]));
            long takenUnits = Math.min(units, MemberWallets.balance(r, key));
            MemberWallets.add(r, key, -takenUnits);
            m.ensureEntries(m.entryCount + 1);
            m.entryRule[m.entryCount] = purchase.entryRule[e];
            m.entryLine[m.entryCount] = line;
            m.entryPoints[m.entryCount] = -takenUnits;
            m.entryCount++;
        }
    }

    /** {@code floor(value * part / whole)} without overflow for the engine's ranges; value may be negative. */
    private static long share(long value, long part, long whole) {
        if (whole == 0 || part == 0) {
            return 0;
        }
        if (part == whole) {
            return value;
        }
        long remainder = Math.floorMod(value, whole);
        try {
            return Math.floorDiv(value, whole) * part + Math.multiplyExact(remainder, part) / whole;
        } catch (ArithmeticException overflow) {
            // Basket shares of amounts near the 1e14 limit: rare, and a return is not the hot path.
            return Math.floorDiv(value, whole) * part + java.math.BigInteger.valueOf(remainder)
                    .multiply(java.math.BigInteger.valueOf(part)).divide(java.math.BigInteger.valueOf(whole)).longValue();
        }
    }
}
