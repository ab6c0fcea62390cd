package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.state.MemberStore;

import java.util.function.LongSupplier;

/**
 * {@link WriteAhead} for the members a command names by id, readying each command's record while
 * that finds pages to fault, and only one command in {@value #SPARSE_EVERY} while it does not.
 * Whether readying pays depends on how often a page is written against how often the system
 * cleans it: at 10M members most writes find their page cleaned, and readying them on the
 * journal's thread made the business thread's step 1.9 times as fast; at 1M a page is written
 * many times between cleanings, and readying every command cost the business thread a fifth of
 * its speed (the lines the journal's thread touched went back and forth between the cores).
 *
 * <p>Each readying is timed: one that takes longer than {@value #FAULT_NANOS} ns met a fault
 * (or a lookup in the map). After each {@value #WINDOW} readyings, it readies every command if at
 * least one in {@value #DENSE_IF_ONE_IN} of them was slow, else one in {@value #SPARSE_EVERY}.
 * The clock only decides what to ready, never what the engine holds. Journal thread only.
 */
public final class AdaptiveWriteAhead implements WriteAhead {
    static final long FAULT_NANOS = 2_500;
    static final int WINDOW = 4_096;
    static final int DENSE_IF_ONE_IN = 64;
    static final int SPARSE_EVERY = 16;

    private final MemberStore members;
    private final LongSupplier nanoClock;
    private boolean sparse;
    private int skipped;
    private int readied;
    private int slow;
    /** Readyings done, for tests and diagnostics. */
    private long readyings;

    public AdaptiveWriteAhead(MemberStore members, LongSupplier nanoClock) {
        this.members = members;
        this.nanoClock = nanoClock;
    }

    @Override
    public void ready(CommandSlot slot) {
        if (slot.memberId <= 0) {
            return;
        }
        if (sparse && ++skipped < SPARSE_EVERY) {
            return;
        }
        skipped = 0;
        long started = nanoClock.getAsLong();
        members.prepareWrite(slot.memberId);
        if (nanoClock.getAsLong() - started > FAULT_NANOS) {
            slow++;
        }
        readyings++;
        if (++readied == WINDOW) {
            sparse = (long) slow * DENSE_IF_ONE_IN < WINDOW;
            readied = 0;
            slow = 0;
        }
    }

    /** Whether it readies one command in {@value #SPARSE_EVERY} now. */
    boolean sparse() {
        return sparse;
    }

    long readyings() {
        return readyings;
    }
}
