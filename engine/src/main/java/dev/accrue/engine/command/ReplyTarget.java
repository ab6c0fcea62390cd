package dev.accrue.engine.command;

/**
 * Where a command's result goes once the pipeline is done with it. Called on the reply thread with
 * the slot still holding the command and its result; the target copies what it needs, because the
 * slot is reused as soon as this returns.
 */
public interface ReplyTarget {
    void complete(CommandSlot slot);
}
