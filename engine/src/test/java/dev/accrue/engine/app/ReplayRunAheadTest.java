package dev.accrue.engine.app;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.journal.FsyncPolicy;
import dev.accrue.engine.journal.JournalFormat;
import dev.accrue.engine.journal.JournalWriter;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.state.MemberStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayRunAheadTest {
    private static final int COMMANDS = 60;

    @TempDir
    Path root;

    @Test
    void readiesTheMembersOfEveryCommandAfterTheStatesSequenceInJournalOrder() throws Exception {
        Path journal = journalOf(COMMANDS);
        try (EngineState state = EngineState.open(root.resolve("state").toFile(), 1_000, 10_000)) {
            ReadiedMembers readied = new ReadiedMembers(state.members());
            ReplayRunAhead runAhead = new ReplayRunAhead(journal);

            runAhead.start(readied, 20);
            runAhead.awaitEnd();

            assertEquals(membersOf(21, COMMANDS), readied.ids);
            assertEquals(0, state.members().count(), "nothing written");
        }
    }

    @Test
    void stopsAtATornTailAndLeavesTheJournalAsItIs() throws Exception {
        Path journal = journalOf(COMMANDS);
        Path segment;
        try (Stream<Path> files = Files.list(journal)) {
            segment = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        long cut = lastRecordStart(segment) + 7;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(cut);
        }
        try (EngineState state = EngineState.open(root.resolve("state").toFile(), 1_000, 10_000)) {
            ReadiedMembers readied = new ReadiedMembers(state.members());
            ReplayRunAhead runAhead = new ReplayRunAhead(journal);

            runAhead.start(readied, 0);
            runAhead.awaitEnd();

            assertEquals(membersOf(1, COMMANDS - 1), readied.ids, "up to the last whole record");
            assertEquals(cut, Files.size(segment));
        }
    }

    @Test
    void closingBeforeItStartedOrTwiceIsHarmless() {
        ReplayRunAhead runAhead = new ReplayRunAhead(root.resolve("journal"));
        runAhead.close();
        runAhead.close();
    }

    private Path journalOf(int commands) throws IOException {
        Path journal = root.resolve("journal");
        Files.createDirectories(journal);
        try (JournalWriter writer = JournalWriter.open(journal, 0, 1 << 20, FsyncPolicy.NEVER)) {
            for (int n = 1; n <= commands; n++) {
                writer.append(purchase(n));
                writer.commit();
            }
        }
        return journal;
    }

    /** The members named by id in commands {@code from..to}; the others name theirs by card, left to the replay. */
    private static List<Long> membersOf(int from, int to) {
        List<Long> ids = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (n % 3 != 0) {
                ids.add(memberOf(n));
            }
        }
        return ids;
    }

    private static long memberOf(int n) {
        return 1 + n % 17;
    }

    private static CommandSlot purchase(int n) {
        CommandSlot s = new CommandSlot();
        s.reset(CommandType.PURCHASE);
        s.eventId = "receipt-" + n;
        if (n % 3 != 0) {
            s.memberId = memberOf(n);
        } else {
            s.memberIdentityKind = IdentityKind.CARD;
            s.memberIdentity = "CARD-" + n;
        }
        s.partnerId = "partner-1";
        s.storeId = "store-1";
        s.channel = 1;
        s.occurredAtMillis = 1_790_000_000_000L + n * 1_000L;
        s.currency = CurrencyCode.pack("EUR");
        s.totalMinor = 100L * n;
        return s;
    }

    /** Where the last record of a segment written one record per commit starts: its length field. */
    private static long lastRecordStart(Path segment) throws IOException {
        List<Long> starts = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(segment);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int position = JournalFormat.SEGMENT_HEADER_SIZE;
        while (position + 4 <= bytes.length && buffer.getInt(position) > 0) {
            starts.add((long) position);
            position += buffer.getInt(position);
        }
        return starts.get(starts.size() - 1);
    }

    /** The real store, recording which members were readied. */
    private static final class ReadiedMembers implements MemberStore {
        private final MemberStore store;
        final List<Long> ids = new ArrayList<>();

        ReadiedMembers(MemberStore store) {
            this.store = store;
        }

        @Override
        public void prepareWrite(long memberId) {
            ids.add(memberId);
            store.prepareWrite(memberId);
        }

        @Override
        public boolean read(long memberId, MemberRecord into) {
            return store.read(memberId, into);
        }

        @Override
        public void write(long memberId, MemberRecord record) {
            store.write(memberId, record);
        }

        @Override
        public long count() {
            return store.count();
        }

        @Override
        public long capacity() {
            return store.capacity();
        }

        @Override
        public long offHeapBytes() {
            return store.offHeapBytes();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
