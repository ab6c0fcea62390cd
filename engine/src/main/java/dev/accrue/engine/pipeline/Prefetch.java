package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.state.AppliedEventStore;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.PurchaseIndex;

/**
 * Loads what a window of commands will touch into the cache before the first of them is applied,
 * so that their cache misses overlap instead of following one another. A purchase misses the cache
 * at random places of gigabytes: the event id's slot in the idempotency table (with the purchase
 * index beside it), where the member's entry lies, and the entry's lines. Applied one by one, the
 * thread stalls on each in turn, since a command's work between two misses is more than the
 * processor can run ahead through; loaded for the window in tight loops, they are in flight
 * together.
 *
 * <p>Passes over the window, each a load per command: hash each event id into its slot unless its
 * publisher did (the idempotency check then uses the hashes instead of hashing again), then load
 * each idempotency slot, each purchase index slot, each entry address, then the entries, whose
 * addresses the address pass loaded ({@link MemberStore#warmEntries}, by rounds too). A loop that
 * loads several things per command holds the processor's window of instructions in flight up
 * with one command's misses; a pass of one load per command keeps the whole window's in flight
 * (side by side, {@code BusinessLogicBenchmark.loadsAhead} took 0.33 µs a purchase by passes
 * against 0.40 command by command). Business thread only, like the stores it reads; it changes
 * nothing in them. Java has no prefetch instruction, so these are plain loads, summed into a field
 * so that the compiler keeps them.
 */
public final class Prefetch {
    private final AppliedEventStore appliedEvents;
    private final PurchaseIndex purchases;
    private final MemberStore members;
    /** The window's member ids, for {@link MemberStore#warmEntries}. */
    private long[] memberIds = new long[0];
    /** The loads' sum: never read for its value. */
    private long sink;

    Prefetch(AppliedEventStore appliedEvents, PurchaseIndex purchases, MemberStore members) {
        this.appliedEvents = appliedEvents;
        this.purchases = purchases;
        this.members = members;
    }

    /** Loads ahead for the first {@code count} commands of {@code slots}, about to be processed in that order. */
    public void window(CommandSlot[] slots, int count) {
        for (int i = 0; i < count; i++) {
            hash(slots[i]);
        }
        long loaded = 0;
        for (int i = 0; i < count; i++) {
            CommandSlot slot = slots[i];
            if (slot.eventIdHashed) {
                loaded += appliedEvents.warm(slot.eventIdKey);
            }
        }
        for (int i = 0; i < count; i++) {
            CommandSlot slot = slots[i];
            if (slot.eventIdHashed && slot.type == CommandType.PURCHASE) {
                loaded += purchases.warm(slot.eventIdKey);
            }
        }
        for (int i = 0; i < count; i++) {
            if (slots[i].memberId > 0) {
                loaded += members.warmIndex(slots[i].memberId);
            }
        }
        long[] ids = memberIds(count);
        for (int i = 0; i < count; i++) {
            ids[i] = slots[i].memberId;
        }
        loaded += members.warmEntries(ids, count);
        sink += loaded;
    }

    private long[] memberIds(int count) {
        if (memberIds.length < count) {
            memberIds = new long[count];
        }
        return memberIds;
    }

    private void hash(CommandSlot slot) {
        if (slot.type.idempotent() && slot.eventId != null && !slot.eventIdHashed) {
            slot.eventIdKey = appliedEvents.key(slot.eventId);
            slot.eventIdCheck = appliedEvents.check(slot.eventId);
            slot.eventIdHashed = true;
        }
    }

    /** What the loads summed to; only so that they are not optimised away. */
    public long sink() {
        return sink;
    }
}
