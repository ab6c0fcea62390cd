package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.ResultCode;

import java.util.List;

/**
 * A purchase as {@link ReferenceLoyalty} recorded it, for its returns: what each line earned and
 * counted toward the tier under the version in force when it happened, its basket-level points,
 * and the units returned so far. Returned units take back, per line, {@code floor(points * q / Q)}
 * once q of Q units are back in all; basket-level points go back in proportion to the amount
 * returned of the lines basket rules counted (not excluded ones), the rest of them with the last unit.
 */
final class ModelPurchase {
    /** What one return takes back: points and qualifying (tier) points. */
    record Taken(long points, long qualifying) {
    }

    /** Units of a line (0-based) named by a return. */
    record ReturnedLine(int line, long quantity) {
    }

    final String eventId;
    final long memberId;
    final long at;
    /** The engine clock when it was recorded: it stays returnable for the engine's retention from then. */
    final long recordedAt;
    /** The 0-based program version it was judged by. */
    final int version;
    final long pendingUntil;
    final long expiresAt;
    private final long[] quantity;
    /** Each line's amount as basket rules counted it: 0 for an excluded line. */
    private final long[] basketAmount;
    private final long[] points;
    private final long[] qualifying;
    private final long[] returned;
    private final long basketPoints;

    ModelPurchase(String eventId, long memberId, long at, long recordedAt, int version, long pendingUntil, long expiresAt,
                  long[] quantity, long[] basketAmount, long[] points, long[] qualifying, long basketPoints) {
        this.eventId = eventId;
        this.memberId = memberId;
        this.at = at;
        this.recordedAt = recordedAt;
        this.version = version;
        this.pendingUntil = pendingUntil;
        this.expiresAt = expiresAt;
        this.quantity = quantity;
        this.basketAmount = basketAmount;
        this.points = points;
        this.qualifying = qualifying;
        this.returned = new long[quantity.length];
        this.basketPoints = basketPoints;
    }

    int lineCount() {
        return quantity.length;
    }

    /** Units of the line not yet returned. */
    long left(int line) {
        return quantity[line] - returned[line];
    }

    boolean returnedAny() {
        for (long r : returned) {
            if (r > 0) {
                return true;
            }
        }
        return false;
    }

    boolean exhausted() {
        for (int i = 0; i < quantity.length; i++) {
            if (left(i) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The units per line a return asks for (no lines: everything left), into {@code units}; a
     * refusal if it names a line the purchase lacks or more units than are left, or nothing is left.
     */
    ResultCode request(List<ReturnedLine> lines, long[] units) {
        if (lines.isEmpty()) {
            for (int i = 0; i < quantity.length; i++) {
                units[i] = left(i);
            }
            return exhausted() ? ResultCode.RETURN_EXCEEDS_PURCHASE : ResultCode.OK;
        }
        for (ReturnedLine l : lines) {
            if (l.line() < 0 || l.line() >= quantity.length) {
                return ResultCode.RETURN_LINE_UNKNOWN;
            }
            units[l.line()] += l.quantity();
            if (units[l.line()] > left(l.line())) {
                return ResultCode.RETURN_EXCEEDS_PURCHASE;
            }
        }
        return ResultCode.OK;
    }

    /** Returns {@code units} (as {@link #request} accepted them): what that takes back. */
    Taken takeBack(long[] units) {
        long takenPoints = 0;
        long takenQualifying = 0;
        long total = 0;
        long amountBefore = 0;
        long amountAfter = 0;
        for (int i = 0; i < quantity.length; i++) {
            long before = returned[i];
            long after = before + units[i];
            takenPoints += share(points[i], after, quantity[i]) - share(points[i], before, quantity[i]);
            takenQualifying += share(qualifying[i], after, quantity[i]) - share(qualifying[i], before, quantity[i]);
            total += basketAmount[i];
            amountBefore += share(basketAmount[i], before, quantity[i]);
            amountAfter += share(basketAmount[i], after, quantity[i]);
            returned[i] = after;
        }
        long basketBefore = share(basketPoints, amountBefore, total);
        takenPoints += exhausted() ? basketPoints - basketBefore : share(basketPoints, amountAfter, total) - basketBefore;
        return new Taken(takenPoints, takenQualifying);
    }

    private static long share(long value, long part, long whole) {
        return whole == 0 ? 0 : value * part / whole;
    }

    @Override
    public String toString() {
        return eventId + " of member " + memberId + " at " + ModelProgram.local(at) + " (version " + (version + 1) + ")";
    }
}
