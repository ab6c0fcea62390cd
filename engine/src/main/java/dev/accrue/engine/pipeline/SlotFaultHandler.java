package dev.accrue.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a stage alive when it throws on one command (a bug or an I/O failure): the command is
 * answered with {@link ResultCode#ENGINE_FAULT} and the ring moves on, instead of the stage thread
 * dying and every later caller waiting forever.
 */
final class SlotFaultHandler implements ExceptionHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(SlotFaultHandler.class);

    @Override
    public void handleEventException(Throwable ex, long sequence, CommandSlot slot) {
        LOG.error("command {} (event {}) failed at ring sequence {}", slot.type, slot.eventId, sequence, ex);
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        LOG.error("pipeline stage failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        LOG.error("pipeline stage failed to shut down", ex);
    }
}
