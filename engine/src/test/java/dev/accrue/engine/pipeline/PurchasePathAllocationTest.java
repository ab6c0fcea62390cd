package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.state.MovementReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business thread's purchase path allocates nothing, member events included: measured with
 * the JVM's per-thread allocation counter over purchases that settle, expire, change tiers,
 * give expiry notices and hand the movement log to its writer between batches.
 */
class PurchasePathAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;
    private static final int MEMBERS = 100;
    private static final long HALF_AN_HOUR = 1_800_000L;

    @TempDir
    Path directory;

    @Test
    void purchasesWithTierChangesNoticesAndHandOffsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ProcessorDriver engine = new ProcessorDriver(directory, MemberYearScenarioTest.ACCRUE_MARKETS)) {
            long start = ProcessorDriver.prague("2026-01-05T09:00");
            engine.tick(start);
            for (int i = 0; i < MEMBERS; i++) {
                engine.enrol("CARD-" + i, 0, start);
            }
            CommandSlot purchase = new CommandSlot();
            CommandSlot tick = new CommandSlot();
            StringBuilder eventId = new StringBuilder();
            long sequence = 1_000_000;
            long allocatedBefore = 0;
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                if (i == WARM_UP) {
                    allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                }
                long at = start + i * HALF_AN_HOUR; // 40,000 purchases over two years: points expire, tiers move
                fill(purchase, eventId.delete(0, eventId.length()).append("receipt-").append(i), 1 + i % MEMBERS, at);
                purchase.sequence = ++sequence;
                engine.processor().process(purchase);
                assertEquals(ResultCode.OK, purchase.result);
                if (i % 50 == 0) {
                    tick.reset(CommandType.CLOCK_TICK);
                    tick.occurredAtMillis = at;
                    tick.sequence = ++sequence;
                    engine.processor().process(tick);
                }
                if (i % 7 == 0) {
                    engine.processor().endOfBatch();
                }
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;

            long[] kinds = countKinds(engine.state().movements());
            assertTrue(kinds[Movement.Kind.TIER_CHANGED.ordinal()] > 0, "tiers changed");
            assertTrue(kinds[Movement.Kind.EXPIRING_SOON.ordinal()] > 0, "notices were given");
            assertTrue(kinds[Movement.Kind.EXPIRED.ordinal()] > 0, "points expired");
            // A few stray bytes (a map's resize, class loading) are not per purchase.
            assertTrue(allocated < MEASURED, allocated + " bytes allocated over " + MEASURED + " purchases");
        }
    }

    private static void fill(CommandSlot slot, CharSequence eventId, long memberId, long at) {
        slot.reset(CommandType.PURCHASE);
        slot.eventId = eventId;
        slot.memberId = memberId;
        slot.channel = 1;
        slot.occurredAtMillis = at;
        slot.currency = CurrencyCode.pack("EUR");
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
        slot.lineCount = 1;
        slot.lineSku[0] = "bread";
        slot.lineCategory[0] = "fresh-food";
        slot.lineQuantity[0] = 1;
        slot.lineAmountMinor[0] = 10_00;
        slot.totalMinor = 10_00;
    }

    private static long[] countKinds(MovementLog log) {
        long[] kinds = new long[Movement.Kind.values().length];
        log.flush();
        Movement movement = new Movement();
        try (MovementReader reader = log.reader()) {
            for (long at = 0; at < log.length(); ) {
                at = reader.read(at, movement);
                kinds[movement.kind.ordinal()]++;
            }
        }
        return kinds;
    }
}
