package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.ResultCode;

import java.util.EnumMap;
import java.util.Map;

/** How often {@link RulesModelTest} took each path of a hold, for the run's summary. */
final class HoldCounts {
    private int opened;
    private int late;
    private int capturedWhole;
    private int capturedPart;
    private int voided;
    private int expired;
    private int debtPaid;
    private int returnsWhileHeld;
    private int returnsLeavingHeld;
    private int redemptionsRefusedForHolds;
    private final Map<ResultCode, Integer> holdsRefused = new EnumMap<>(ResultCode.class);
    private final Map<HoldRequests.Target, Map<ResultCode, Integer>> settlementsRefused = new EnumMap<>(HoldRequests.Target.class);

    /** A hold applied or refused; late: its time to live had ended by the engine clock when it came. */
    void held(ResultCode result, boolean pastItsTime) {
        if (result != ResultCode.OK) {
            holdsRefused.merge(result, 1, Integer::sum);
            return;
        }
        opened++;
        late += pastItsTime ? 1 : 0;
    }

    /** A capture or void applied (whole: a capture of everything held), and whether the points it freed paid debt. */
    void settled(boolean voids, boolean whole, boolean paidDebt) {
        voided += voids ? 1 : 0;
        capturedWhole += !voids && whole ? 1 : 0;
        capturedPart += !voids && !whole ? 1 : 0;
        debtPaid += paidDebt ? 1 : 0;
    }

    void refused(HoldRequests.Target target, ResultCode result) {
        settlementsRefused.computeIfAbsent(target, t -> new EnumMap<>(ResultCode.class)).merge(result, 1, Integer::sum);
    }

    /** Holds whose time to live ended, closed by a tick or a command's settlement; whether the points they freed paid debt. */
    void expired(int holds, boolean paidDebt) {
        expired += holds;
        debtPaid += paidDebt ? 1 : 0;
    }

    /** A return applied while the member had holds open; whether it left held points and owed what it could not take. */
    void returnedWhileHeld(boolean intoDebt) {
        returnsWhileHeld++;
        returnsLeavingHeld += intoDebt ? 1 : 0;
    }

    /** A redemption refused that the member's available points would have covered but for its holds. */
    void redemptionRefusedForHolds() {
        redemptionsRefusedForHolds++;
    }

    @Override
    public String toString() {
        return String.format("%d opened (%d past their time on arrival), refused %s; %d captured whole, %d in part, %d voided,"
                        + " %d expired, %d times freed points paid debt; captures and voids refused %s; %d returns with holds"
                        + " open (%d leaving held points and owing), %d redemptions refused for points held",
                opened, late, holdsRefused, capturedWhole, capturedPart, voided, expired, debtPaid, settlementsRefused,
                returnsWhileHeld, returnsLeavingHeld, redemptionsRefusedForHolds);
    }
}
