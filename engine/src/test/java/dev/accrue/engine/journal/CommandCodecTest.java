package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommandCodecTest {
    /** ASCII, two-byte (é), three-byte (€) and four-byte (a surrogate pair: 😀) characters. */
    private static final String MIXED = "pos-é-€-😀-end";

    private static CommandSlot purchase(String text) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.eventId = "evt-" + text;
        slot.memberIdentityKind = IdentityKind.CARD;
        slot.memberIdentity = "card-" + text;
        slot.partnerId = "partner-" + text;
        slot.storeId = text;
        slot.channel = 2;
        slot.occurredAtMillis = 1_790_000_000_123L;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = 4_299;
        slot.paymentMethod = 1;
        slot.lineCount = 2;
        slot.lineSku[0] = "sku-" + text;
        slot.lineCategory[0] = "";
        slot.lineQuantity[0] = 3;
        slot.lineAmountMinor[0] = 1_000;
        slot.lineSku[1] = "sku-2";
        slot.lineCategory[1] = text;
        slot.lineQuantity[1] = 1;
        slot.lineAmountMinor[1] = 3_299;
        return slot;
    }

    private static byte[] encode(CommandSlot slot, ByteBuffer into) {
        CommandCodec.encode(slot, into);
        byte[] bytes = new byte[into.position()];
        into.flip().get(bytes);
        return bytes;
    }

    @Test
    void aDirectBufferGetsTheSameBytesAsAHeapBufferForEveryKindOfCharacter() {
        CommandSlot slot = purchase(MIXED);
        byte[] direct = encode(slot, ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN));
        byte[] heap = encode(slot, ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN));

        assertArrayEquals(heap, direct);
    }

    @Test
    void stringsAreWrittenAsTheirByteCountAndUtf8Bytes() {
        ByteBuffer out = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.putString(out, MIXED);
        CommandCodec.putString(out, null);

        byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
        out.flip();
        assertEquals(utf8.length, out.getShort());
        byte[] written = new byte[utf8.length];
        out.get(written);
        assertArrayEquals(utf8, written);
        assertEquals(-1, out.getShort());
        assertEquals(0, out.remaining());
    }

    @Test
    void aPurchaseDecodesToWhatWasEncoded() {
        CommandSlot slot = purchase(MIXED);
        ByteBuffer out = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(slot, out);

        CommandSlot back = new CommandSlot();
        back.reset(CommandType.PURCHASE);
        CommandCodec.decode(CommandType.PURCHASE, out.flip(), back);

        assertEquals(slot.eventId, back.eventId.toString());
        assertEquals(slot.memberIdentityKind, back.memberIdentityKind);
        assertEquals(slot.memberIdentity, back.memberIdentity);
        assertEquals(slot.partnerId, back.partnerId);
        assertEquals(slot.storeId, back.storeId);
        assertEquals(slot.channel, back.channel);
        assertEquals(slot.occurredAtMillis, back.occurredAtMillis);
        assertEquals(slot.currency, back.currency);
        assertEquals(slot.totalMinor, back.totalMinor);
        assertEquals(slot.paymentMethod, back.paymentMethod);
        assertEquals(2, back.lineCount);
        for (int i = 0; i < 2; i++) {
            assertEquals(slot.lineSku[i], back.lineSku[i]);
            assertEquals(slot.lineCategory[i], back.lineCategory[i]);
            assertEquals(slot.lineQuantity[i], back.lineQuantity[i]);
            assertEquals(slot.lineAmountMinor[i], back.lineAmountMinor[i]);
        }
        assertEquals(0, out.remaining());
    }

    @Test
    void aStringThatMightNotFitIsWrittenWithChecksAndStillFits() {
        // 2 + 3 × 6 = 20 bytes would be needed at worst; 8 are there and 8 are used.
        ByteBuffer out = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.putString(out, "abcdef");

        assertEquals(8, out.position());
        out.flip();
        assertEquals(6, out.getShort());
        byte[] written = new byte[6];
        out.get(written);
        assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), written);
    }

    @Test
    void aNullStringDecodesAsNull() {
        ByteBuffer out = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.putString(out, null);
        assertNull(CommandCodec.getString(out.flip()));
    }
}
