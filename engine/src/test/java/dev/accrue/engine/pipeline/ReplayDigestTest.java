package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Time comes only from commands: the same journal applied to a fresh state rebuilds the same members. */
class ReplayDigestTest {
    @TempDir
    Path directory;

    @Test
    void replayingTheSameCommandsIntoAFreshStateGivesTheSameDigest() {
        List<CommandSlot> journal;
        long original;
        try (ProcessorDriver engine = new ProcessorDriver(directory.resolve("original"), MemberYearScenarioTest.ACCRUE_MARKETS)) {
            aBusyQuarter(engine);
            journal = engine.journal();
            original = engine.digest().digest;
        }

        long replayed;
        long withoutTheLastTick;
        try (ProcessorDriver fresh = new ProcessorDriver(directory.resolve("replayed"), MemberYearScenarioTest.ACCRUE_MARKETS);
             ProcessorDriver partial = new ProcessorDriver(directory.resolve("partial"), MemberYearScenarioTest.ACCRUE_MARKETS)) {
            for (CommandSlot command : journal) {
                assertEquals(ResultCode.OK, fresh.apply(ProcessorDriver.commandOf(command)).result);
            }
            for (CommandSlot command : journal.subList(0, journal.size() - 1)) {
                partial.apply(ProcessorDriver.commandOf(command));
            }
            replayed = fresh.digest().digest;
            withoutTheLastTick = partial.digest().digest;
        }

        assertEquals(original, replayed);
        assertNotEquals(original, withoutTheLastTick, "the last tick expired points: the digest sees it");
    }

    /** Members enrol and shop on both channels, a new version comes, ticks release and expire points. */
    private static void aBusyQuarter(ProcessorDriver engine) {
        for (int i = 0; i < 5; i++) {
            long member = engine.enrol("CARD-" + i, 101 + i, prague("2026-01-01T09:00")).resultMemberId;
            for (int day = 0; day < 20; day++) {
                String date = "2026-01-%02dT1%d:00".formatted(day + 2, i);
                engine.purchase(member, day % 3 == 0 ? CHANNEL_ESHOP : CHANNEL_POS, prague(date))
                        .line("item-" + day, day % 4 == 0 ? "fresh-food" : day % 5 == 0 ? "gift-cards" : "pantry", (day + 1) * 7_50L)
                        .apply();
            }
        }
        engine.changeProgram("double-base", MemberYearScenarioTest.ACCRUE_MARKETS.toBuilder().clearBaseEarn()
                .addBaseEarn(dev.accrue.engine.testing.TestPrograms.rate("EUR", 2, 100)).build(), prague("2026-02-01T00:00"));
        engine.purchase(3, CHANNEL_POS, prague("2026-02-03T10:00")).line("tv", "electronics", 500_00).apply();
        engine.purchase(2, CHANNEL_POS, prague("2026-01-31T10:00")).line("late", "pantry", 20_00).apply();
        engine.tick(prague("2026-01-20T00:00"));
        engine.tick(prague("2026-02-20T00:00"));
        engine.tick(prague("2027-02-01T00:00"));
    }
}
