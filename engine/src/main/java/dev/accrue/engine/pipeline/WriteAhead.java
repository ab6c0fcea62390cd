package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;

/**
 * Readies what the business thread will write for a command before the command reaches it, from
 * the stage before it (the journal): the member's record, whose page the system may have written
 * back and cleaned since the member's last write, so that the first write to it faults (3-12 µs
 * here, on most purchases at 10M members). The business thread is the one every command waits
 * for; the journal's thread waits for the disk most of the time. Changes nothing the engine holds.
 */
@FunctionalInterface
public interface WriteAhead {
    WriteAhead NONE = slot -> {
    };

    /** Journal thread, for each mutating command before its batch is released to the business stage. */
    void ready(CommandSlot slot);
}
