package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;

import java.util.ArrayList;
import java.util.List;

/**
 * A member's holds as {@link ReferenceLoyalty} keeps them: the open ones, and every closed one in
 * the order they closed. The engine remembers only the last {@link MemberRecord#MAX_HOLDS} closed
 * holds (an older one is then unknown), so each close is kept with the batch it closed in: the
 * holds one settlement expires close together, in an order nobody promises.
 */
final class ModelHolds {
    /** An open hold: named by its event id, the points it keeps, when its time to live ends. */
    record Hold(String id, long points, long expiresAt) {
    }

    private record Closed(String id, int batch) {
    }

    private final List<Hold> open = new ArrayList<>();
    private final List<Closed> closed = new ArrayList<>();
    private int batches;

    List<Hold> open() {
        return open;
    }

    Hold find(String id) {
        for (Hold h : open) {
            if (h.id().equals(id)) {
                return h;
            }
        }
        return null;
    }

    long held() {
        long held = 0;
        for (Hold h : open) {
            held += h.points();
        }
        return held;
    }

    boolean full() {
        return open.size() == MemberRecord.MAX_HOLDS;
    }

    void open(String id, long points, long expiresAt) {
        open.add(new Hold(id, points, expiresAt));
    }

    /** Closes a hold by capture or void: a batch of its own. */
    void close(Hold hold) {
        open.remove(hold);
        closed.add(new Closed(hold.id(), batches++));
    }

    /** Closes the holds whose time to live ended by {@code clock}, as one batch; returns how many. */
    int closeExpired(long clock) {
        int before = closed.size();
        for (Hold h : List.copyOf(open)) {
            if (h.expiresAt() <= clock) {
                open.remove(h);
                closed.add(new Closed(h.id(), batches));
            }
        }
        batches++;
        return closed.size() - before;
    }

    /** Whether a hold past its time to live is still open: the member's next settlement closes it. */
    boolean overdue(long clock) {
        return open.stream().anyMatch(h -> h.expiresAt() <= clock);
    }

    /**
     * What capturing or voiding {@code id}, which is not open, is refused with: HOLD_CLOSED while the
     * engine surely remembers it closed, HOLD_NOT_FOUND if it never was a hold of this member or the
     * engine has surely forgotten it since, null if that depends on the order within its batch.
     */
    ResultCode refusalOf(String id) {
        int at = 0;
        while (at < closed.size() && !closed.get(at).id().equals(id)) {
            at++;
        }
        if (at == closed.size()) {
            return ResultCode.HOLD_NOT_FOUND;
        }
        int batch = closed.get(at).batch();
        int closedSince = 0;
        int closedWith = 0;
        for (Closed c : closed) {
            closedSince += c.batch() > batch ? 1 : 0;
            closedWith += c.batch() == batch ? 1 : 0;
        }
        if (closedSince + closedWith <= MemberRecord.MAX_HOLDS) {
            return ResultCode.HOLD_CLOSED;
        }
        return closedSince >= MemberRecord.MAX_HOLDS ? ResultCode.HOLD_NOT_FOUND : null;
    }

    /** The last few closed holds' ids, newest first: those worth a refused capture or void. */
    List<String> recentlyClosed(int few) {
        List<String> ids = new ArrayList<>();
        for (int i = closed.size() - 1; i >= 0 && ids.size() < few; i--) {
            ids.add(closed.get(i).id());
        }
        return ids;
    }

    /** The open holds as the engine should hold them: (expiresAt, points), in that order. */
    List<ComparedMember.Hold> compared() {
        return open.stream().map(h -> new ComparedMember.Hold(h.expiresAt(), h.points()))
                .sorted(ComparedMember.Hold.ORDER).toList();
    }

    ModelHolds copy() {
        ModelHolds copy = new ModelHolds();
        copy.open.addAll(open);
        copy.closed.addAll(closed);
        copy.batches = batches;
        return copy;
    }
}
