package dev.accrue.engine.state;

import dev.accrue.engine.domain.IdentityKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChronicleIdentityStoreTest {
    private static final long CAPACITY = 30_000;

    @TempDir
    Path directory;

    @BeforeAll
    static void chronicleSettings() {
        ChronicleSettings.apply();
    }

    private File file() {
        return directory.resolve("identities.cm3").toFile();
    }

    @Test
    void aLinkedIdentityIsFoundAndOthersAreNot() {
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            store.link(IdentityKind.CARD, "CARD-1", 17);

            assertEquals(17, store.find(IdentityKind.CARD, "CARD-1"));
            assertEquals(17, store.find(IdentityKind.CARD, new StringBuilder("CARD-1")), "any CharSequence");
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.CARD, "CARD-2"));
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.CARD, "card-1"), "case matters");
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.CARD, ""));
        }
    }

    @Test
    void theSameValueUnderDifferentKindsNamesDifferentMembers() {
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            store.link(IdentityKind.CARD, "+420601000001", 1);
            store.link(IdentityKind.PHONE, "+420601000001", 2);
            store.link(IdentityKind.ESHOP, "+420601000001", 3);

            assertEquals(1, store.find(IdentityKind.CARD, "+420601000001"));
            assertEquals(2, store.find(IdentityKind.PHONE, "+420601000001"));
            assertEquals(3, store.find(IdentityKind.ESHOP, "+420601000001"));
            assertEquals(3, store.count());
        }
    }

    @Test
    void aValueLinkedUnderOneKindIsNotFoundUnderAnother() {
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            store.link(IdentityKind.CARD, "X-1", 5);

            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.PHONE, "X-1"));
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.ESHOP, "X-1"));
        }
    }

    @Test
    void linkingAgainReplacesTheMember() {
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            store.link(IdentityKind.ESHOP, "shopper", 1);
            store.link(IdentityKind.ESHOP, "shopper", 2);

            assertEquals(2, store.find(IdentityKind.ESHOP, "shopper"));
            assertEquals(1, store.count());
        }
    }

    @Test
    void longAndNonAsciiValuesAreKeptExactly() {
        String longCard = "C".repeat(64);
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            store.link(IdentityKind.CARD, longCard, 8);
            store.link(IdentityKind.ESHOP, "zákazník-ř", 9);

            assertEquals(8, store.find(IdentityKind.CARD, longCard));
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.CARD, longCard.substring(1)));
            assertEquals(9, store.find(IdentityKind.ESHOP, "zákazník-ř"));
        }
    }

    @Test
    void linksSurviveClosingAndReopening() {
        int members = 3_000;
        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            for (long id = 1; id <= members; id++) {
                store.link(IdentityKind.CARD, "CARD-" + id, id);
                store.link(IdentityKind.PHONE, "+4206010" + String.format("%05d", id), id);
            }
        }

        try (ChronicleIdentityStore store = ChronicleIdentityStore.open(file(), CAPACITY, CAPACITY)) {
            assertEquals(2L * members, store.count());
            for (long id = 1; id <= members; id++) {
                assertEquals(id, store.find(IdentityKind.CARD, "CARD-" + id));
                assertEquals(id, store.find(IdentityKind.PHONE, "+4206010" + String.format("%05d", id)));
            }
            assertEquals(IdentityStore.NO_MEMBER, store.find(IdentityKind.CARD, "CARD-" + (members + 1)));
        }
    }
}
