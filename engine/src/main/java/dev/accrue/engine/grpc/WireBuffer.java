package dev.accrue.engine.grpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol Buffers' wire format written by hand into a growing array, for replies sent by the
 * thousand: the bytes {@code toByteArray()} would give for the same message (proto3: fields at
 * their default value are left out, varints are minimal), without building the message first.
 * Sizes of nested messages are worked out before they are written, as protobuf does, with the
 * {@code *Size} methods.
 */
final class WireBuffer {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] bytes;
    private int length;

    WireBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void append(byte[] source) {
        append(source, 0, source.length);
    }

    void append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** A varint field (uint64, int64, uint32, enum); nothing if {@code value} is 0. */
    void varintField(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
    }

    /** A string field, UTF-8; nothing if empty. */
    void stringField(int field, CharSequence value) {
        if (value.length() > 0) {
            tag(field, LENGTH_DELIMITED);
            int size = utf8Size(value);
            varint(size);
            utf8(value, size);
        }
    }

    /** The head of a nested message's field: its tag and its size; its fields follow. */
    void messageHead(int field, int size) {
        tag(field, LENGTH_DELIMITED);
        varint(size);
    }

    static int varintFieldSize(int field, long value) {
        return value == 0 ? 0 : tagSize(field) + varintSize(value);
    }

    static int stringFieldSize(int field, CharSequence value) {
        if (value.length() == 0) {
            return 0;
        }
        int size = utf8Size(value);
        return tagSize(field) + varintSize(size) + size;
    }

    static int messageFieldSize(int field, int size) {
        return tagSize(field) + varintSize(size) + size;
    }

    static int varintSize(long value) {
        // One byte per 7 bits; 0 takes one. A negative int64 takes ten.
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    private static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
    }

    /** UTF-8 bytes of {@code value}: one per character below U+0080, else as String.getBytes says. */
    private static int utf8Size(CharSequence value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) >= 0x80) {
                return value.toString().getBytes(StandardCharsets.UTF_8).length; // rare: ids are ASCII in practice
            }
        }
        return n;
    }

    private void utf8(CharSequence value, int size) {
        ensure(size);
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Not ASCII (even if as many bytes as characters, as with a lone surrogate's '?').
                System.arraycopy(value.toString().getBytes(StandardCharsets.UTF_8), 0, bytes, length, size);
                length += size;
                return;
            }
            bytes[length + i] = (byte) c;
        }
        length += size;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
