package dev.accrue.engine.command;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.EventIdHashes;
import dev.accrue.engine.domain.Hash64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandFingerprintTest {
    @Test
    void stampingGivesEveryHashTheBusinessThreadWouldOtherwiseCompute() {
        CommandSlot slot = purchase("e-1", 2_500);

        CommandFingerprint.stamp(slot);

        assertTrue(slot.fingerprinted);
        assertTrue(slot.eventIdHashed);
        assertEquals(CommandFingerprint.of(purchase("e-1", 2_500)), slot.fingerprint);
        assertEquals(EventIdHashes.key("e-1"), slot.eventIdKey);
        assertEquals(EventIdHashes.check("e-1"), slot.eventIdCheck);
        assertEquals(Hash64.of("partner-1"), slot.partnerHash);
        assertEquals(Hash64.of("store-1"), slot.storeHash);
        assertEquals(Hash64.of("SKU-1"), slot.lineSkuHash[0]);
        assertEquals(Hash64.of("grocery"), slot.lineCategoryHash[0]);
    }

    @Test
    void theFingerprintTellsContentApartButNotTheEventId() {
        assertEquals(CommandFingerprint.of(purchase("e-1", 2_500)), CommandFingerprint.of(purchase("e-2", 2_500)));
        assertNotEquals(CommandFingerprint.of(purchase("e-1", 2_500)), CommandFingerprint.of(purchase("e-1", 2_501)));
        CommandSlot otherSku = purchase("e-1", 2_500);
        otherSku.lineSku[0] = "SKU-2";
        assertNotEquals(CommandFingerprint.of(purchase("e-1", 2_500)), CommandFingerprint.of(otherSku));
    }

    @Test
    void commandsThatAreNotRememberedByEventIdAreNotStamped() {
        CommandSlot query = new CommandSlot();
        query.reset(CommandType.GET_BALANCE);
        query.memberId = 7;

        CommandFingerprint.stamp(query);

        assertFalse(query.fingerprinted);
        assertFalse(query.eventIdHashed);
    }

    @Test
    void aResetClearsTheStamp() {
        CommandSlot slot = purchase("e-1", 2_500);
        CommandFingerprint.stamp(slot);

        slot.reset(CommandType.PURCHASE);

        assertFalse(slot.fingerprinted);
        assertFalse(slot.eventIdHashed);
    }

    private static CommandSlot purchase(String eventId, long totalMinor) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.eventId = eventId;
        slot.memberId = 1;
        slot.partnerId = "partner-1";
        slot.storeId = "store-1";
        slot.channel = 1;
        slot.occurredAtMillis = 1_790_000_000_000L;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = totalMinor;
        slot.lineCount = 1;
        slot.lineSku[0] = "SKU-1";
        slot.lineCategory[0] = "grocery";
        slot.lineQuantity[0] = 1;
        slot.lineAmountMinor[0] = totalMinor;
        return slot;
    }
}
