package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The business logic applied directly to real Chronicle stores, one command at a time, through a
 * {@link ProcessorDriver}: what the enrolment, identity, purchase, balance and reopening tests share.
 * Members enrol at {@link #ENROLLED_AT} and buy at the till at {@link #BOUGHT_AT}, under a program
 * earning a point per euro and 3 per 250 yen.
 */
abstract class ProcessorFixture {
    static final long ENROLLED_AT = 1_767_225_600_000L;
    static final long BOUGHT_AT = 1_770_000_000_000L;
    /** EUR at a point per euro, JPY at 3 per 250 yen. */
    static final Program PROGRAM = TestPrograms.baseOnly().clearBaseEarn()
            .addBaseEarn(TestPrograms.rate("EUR", 1, 100))
            .addBaseEarn(TestPrograms.rate("JPY", 3, 250))
            .build();

    @TempDir
    Path directory;
    ProcessorDriver engine;
    EngineState state;

    /** Opens the state in {@link #directory} for {@code capacity} members: a fresh one, or the one a test closed there. */
    void open(long capacity) {
        engine = new ProcessorDriver(directory, PROGRAM, capacity);
        state = engine.state();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    CommandSlot enrol(String card, String eshop, String phone) {
        return engine.enrol(card, eshop, phone, ENROLLED_AT);
    }

    /** A purchase at the till at {@link #BOUGHT_AT}, of {@code totalMinor} in {@code currency}, not yet applied. */
    ProcessorDriver.Purchase purchaseOf(long memberId, String currency, long totalMinor) {
        return engine.purchase(memberId, Channel.CHANNEL_POS, BOUGHT_AT).total(currency, totalMinor);
    }

    CommandSlot purchase(long memberId, long totalMinor) {
        return purchaseOf(memberId, "EUR", totalMinor).apply();
    }

    CommandSlot purchase(IdentityKind kind, String identity, long totalMinor) {
        return engine.purchase(kind, identity, Channel.CHANNEL_POS, BOUGHT_AT).total("EUR", totalMinor).apply();
    }

    CommandSlot balance(long memberId) {
        return engine.balance(memberId);
    }

    MemberRecord stored(long memberId) {
        return engine.stored(memberId);
    }
}
