package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuietTimesTest {
    private static final long MINUTE = 60_000;
    private static final long AT = 1_767_603_600_000L; // 2026-01-05T09:00Z, on a minute

    @TempDir
    Path dir;

    private File file() {
        return QuietTimes.fileBeside(dir.resolve("members.cm3").toFile());
    }

    @Test
    void aNewFileKnowsNoMembersTime() {
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            for (long id = 0; id < 10; id++) {
                assertEquals(Long.MIN_VALUE, times.quietUntil(id));
            }
        }
    }

    @Test
    void aTimeIsKeptRoundedDownToTheMinuteUntilReplaced() {
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            times.quietUntil(3, AT + MINUTE - 1);
            times.quietUntil(4, AT);
            times.quietUntil(5, Long.MAX_VALUE);
            times.quietUntil(6, 59_999); // before the first minute: as good as none
            times.quietUntil(7, Long.MIN_VALUE);

            assertEquals(AT, times.quietUntil(3));
            assertEquals(AT, times.quietUntil(4));
            assertEquals(Integer.MAX_VALUE * MINUTE, times.quietUntil(5), "the latest minute kept");
            assertEquals(Long.MIN_VALUE, times.quietUntil(6));
            assertEquals(Long.MIN_VALUE, times.quietUntil(7));
            times.quietUntil(3, Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, times.quietUntil(3), "forgotten");
            assertEquals(AT, times.quietUntil(4), "only the member written");
        }
    }

    @Test
    void idsBeyondTheFileKnowNoTimeAndKeepNone() {
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            times.quietUntil(10, AT);
            times.quietUntil(-1, AT);
            assertEquals(Long.MIN_VALUE, times.quietUntil(10));
            assertEquals(Long.MIN_VALUE, times.quietUntil(-1));
        }
    }

    @Test
    void timesOutliveAReopenUnderTheSameTermsAndOtherTermsForgetThemAll() {
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            times.terms(30 * 86_400_000L, 7 * 86_400_000L);
            times.quietUntil(1, AT);
            times.quietUntil(9, AT + MINUTE);
        }
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            times.terms(30 * 86_400_000L, 7 * 86_400_000L);
            assertEquals(AT, times.quietUntil(1));
            assertEquals(AT + MINUTE, times.quietUntil(9));

            times.terms(30 * 86_400_000L, 14 * 86_400_000L);
            assertEquals(Long.MIN_VALUE, times.quietUntil(1));
            assertEquals(Long.MIN_VALUE, times.quietUntil(9));
        }
    }

    @Test
    void aFileOfAnotherSizeOrFormatStartsKnowingNothing() throws Exception {
        try (QuietTimes times = QuietTimes.open(file(), 10)) {
            times.quietUntil(1, AT);
        }
        try (QuietTimes times = QuietTimes.open(file(), 20)) {
            assertEquals(Long.MIN_VALUE, times.quietUntil(1), "sized for other members");
            times.quietUntil(1, AT);
        }
        try (RandomAccessFile raw = new RandomAccessFile(file(), "rw")) {
            raw.writeLong(42); // not this format
        }
        try (QuietTimes times = QuietTimes.open(file(), 20)) {
            assertEquals(Long.MIN_VALUE, times.quietUntil(1));
        }
    }
}
