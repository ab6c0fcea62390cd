package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands to journal, and a way to read a journal back into comparable lines. */
final class JournalFixtures {
    private JournalFixtures() {
    }

    static CommandSlot purchase(int n) {
        CommandSlot s = new CommandSlot();
        s.reset(CommandType.PURCHASE);
        s.eventId = "store-" + (n % 7) + "/till-" + (n % 3) + "/receipt-" + n;
        if (n % 2 == 0) {
            s.memberId = 1 + n % 50;
        } else {
            s.memberIdentityKind = IdentityKind.CARD;
            s.memberIdentity = "CARD-" + (n % 50);
        }
        s.partnerId = "partner-" + (n % 4);
        s.storeId = "store-" + (n % 7);
        s.channel = 1 + n % 2;
        s.occurredAtMillis = 1_790_000_000_000L + n * 1_000L;
        s.currency = CurrencyCode.pack("EUR");
        s.totalMinor = 100L * n + 99;
        s.paymentMethod = n % 8;
        s.lineCount = n % 4;
        for (int i = 0; i < s.lineCount; i++) {
            s.lineSku[i] = "SKU-" + n + "-" + i;
            s.lineCategory[i] = i == 0 ? "café & crème ☕" : "groceries";
            s.lineQuantity[i] = 1 + i;
            s.lineAmountMinor[i] = 50L * (i + 1);
        }
        return s;
    }

    static CommandSlot enrol(int n) {
        CommandSlot s = new CommandSlot();
        s.reset(CommandType.ENROL);
        s.eventId = "enrol-" + n;
        s.occurredAtMillis = 1_780_000_000_000L + n;
        s.enrolCard = "CARD-" + n;
        s.enrolEshop = n % 2 == 0 ? null : "shop-" + n;
        s.enrolPhone = n % 3 == 0 ? "+42060100" + (1000 + n) : null;
        return s;
    }

    static CommandSlot command(int n) {
        return n % 5 == 0 ? enrol(n) : purchase(n);
    }

    /** Everything a journal record carries, as text, so two commands compare field by field. */
    static String describe(CommandSlot s) {
        StringBuilder b = new StringBuilder().append(s.type).append('|').append(s.eventId).append('|')
                .append(s.occurredAtMillis);
        if (s.type == CommandType.PURCHASE) {
            b.append('|').append(s.memberId).append('|').append(s.memberIdentityKind).append('|').append(s.memberIdentity)
                    .append('|').append(s.partnerId).append('|').append(s.storeId).append('|').append(s.channel)
                    .append('|').append(s.currency).append('|').append(s.totalMinor).append('|').append(s.paymentMethod);
            for (int i = 0; i < s.lineCount; i++) {
                b.append("|line:").append(s.lineSku[i]).append(',').append(s.lineCategory[i]).append(',')
                        .append(s.lineQuantity[i]).append(',').append(s.lineAmountMinor[i]);
            }
        } else {
            b.append('|').append(s.enrolCard).append('|').append(s.enrolEshop).append('|').append(s.enrolPhone);
        }
        return b.toString();
    }

    /** Writes commands 1..count, committing every {@code perCommit}. */
    static void write(Path directory, int count, int perCommit, long segmentBytes) throws IOException {
        try (JournalWriter writer = JournalWriter.open(directory, 0, segmentBytes, FsyncPolicy.NEVER)) {
            for (int n = 1; n <= count; n++) {
                writer.append(command(n));
                if (n % perCommit == 0) {
                    writer.commit();
                }
            }
        }
    }

    static List<String> readBack(Path directory, JournalReplayer.Outcome[] outcome) throws IOException {
        List<String> lines = new ArrayList<>();
        outcome[0] = new JournalReplayer().replay(directory, 0, slot -> lines.add(slot.sequence + ":" + describe(slot)));
        return lines;
    }

    static List<String> expected(int count) {
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            lines.add(n + ":" + describe(command(n)));
        }
        return lines;
    }
}
