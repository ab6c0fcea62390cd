package dev.accrue.bench.load;

/** CPU time of the generator and of the server over the measured window, sampled at its edges. */
final class CpuWindow {
    private final long serverPid;
    private long selfStart = -1;
    private long serverStart = -1;
    private long selfUsed = -1;
    private long serverUsed = -1;
    private boolean started;
    private boolean ended;

    CpuWindow(long serverPid) {
        this.serverPid = serverPid;
    }

    /** Called by the progress loop; samples when the measured window opens and when it closes. */
    void sample(long now, RunWindow window) {
        if (!started && now >= window.measureStart) {
            started = true;
            selfStart = CpuClock.self();
            serverStart = CpuClock.process(serverPid);
        }
        if (started && !ended && now >= window.end) {
            ended = true;
            selfUsed = diff(selfStart, CpuClock.self());
            serverUsed = diff(serverStart, CpuClock.process(serverPid));
        }
    }

    long selfNanos() {
        return selfUsed;
    }

    long serverNanos() {
        return serverUsed;
    }

    private static long diff(long start, long end) {
        return start < 0 || end < 0 ? -1 : end - start;
    }
}
