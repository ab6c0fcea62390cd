package dev.accrue.bench.load;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop clock: a thread of its own that sleeps until the next call is due, then releases
 * every call due by then (a burst, if it woke late) to the connections' event loops, until the run
 * window's sending time ends.
 *
 * <p>Why a thread and not a Vert.x timer: a timer runs on an event loop, behind that loop's I/O
 * and tasks, and Vert.x timers tick in milliseconds; the pacer's lateness would then depend on the
 * load it creates. Here the event loops only send. The pacer parks (no spinning: the generator
 * shares two cores with the server), so its own wake-up lateness, tens of microseconds, shows in
 * the send lag the report prints, and in the latencies, which count from each call's due time.
 */
final class RatePacer implements Runnable {
    private final RateSchedule schedule;
    private final List<DueCalls> connections;
    private final long lastCall;

    /** Paces the calls due before {@code end}. */
    RatePacer(RateSchedule schedule, List<DueCalls> connections, long end) {
        if (connections.size() != schedule.connections()) {
            throw new IllegalArgumentException(connections.size() + " connections, schedule for " + schedule.connections());
        }
        this.schedule = schedule;
        this.connections = connections;
        this.lastCall = schedule.dueBy(end - 1);
    }

    Thread start() {
        Thread thread = new Thread(this, "rate-pacer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long released = 0;
        while (released < lastCall) {
            long due = Math.min(schedule.dueBy(System.nanoTime()), lastCall);
            if (due > released) {
                for (int c = 0; c < connections.size(); c++) {
                    connections.get(c).release(schedule.shareOf(due, c));
                }
                released = due;
            }
            if (released < lastCall) {
                long wait = schedule.dueAt(released) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        connections.forEach(DueCalls::close);
    }
}
