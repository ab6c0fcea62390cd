package dev.accrue.engine.command;

import com.google.protobuf.Timestamp;

/**
 * Field checks shared by every command. Each returns null when the value is fine, or the message
 * for INVALID_ARGUMENT, naming the field. Nothing is allocated on the valid path.
 */
public final class FieldRules {
    public static final int MAX_EVENT_ID_CHARS = 128;
    public static final int MAX_ID_CHARS = 64;
    /** 9999-12-31T23:59:59Z, the last instant protobuf's Timestamp allows. */
    private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;

    private FieldRules() {
    }

    public static String requiredText(String field, String value, int maxChars) {
        if (value.isEmpty()) {
            return field + " is required";
        }
        return optionalText(field, value, maxChars);
    }

    public static String optionalText(String field, String value, int maxChars) {
        if (value.length() > maxChars) {
            return field + " must be at most " + maxChars + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return field + " must not contain control characters";
            }
        }
        return null;
    }

    public static String timestamp(String field, boolean present, Timestamp value) {
        if (!present) {
            return field + " is required";
        }
        if (value.getSeconds() < 0 || value.getSeconds() > MAX_TIMESTAMP_SECONDS
                || value.getNanos() < 0 || value.getNanos() > 999_999_999) {
            return field + " must be a valid time between 1970-01-01 and 9999-12-31";
        }
        return null;
    }

    public static long toMillis(Timestamp value) {
        return value.getSeconds() * 1000 + value.getNanos() / 1_000_000;
    }

    /** A SHA-256 in hex: 64 digits 0-9 a-f, lower case so that one address has one form. */
    public static String emailHash(String field, String value) {
        if (value.length() != 64) {
            return field + " must be a SHA-256 in 64 lowercase hex digits";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return field + " must be a SHA-256 in 64 lowercase hex digits";
            }
        }
        return null;
    }

    /** E.164: "+" and 7 to 15 digits, the first not 0. */
    public static String phone(String field, String value) {
        int digits = value.length() - 1;
        if (value.isEmpty() || value.charAt(0) != '+' || digits < 7 || digits > 15 || value.charAt(1) == '0') {
            return field + " must be in E.164 form: '+' and 7 to 15 digits";
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return field + " must be in E.164 form: '+' and 7 to 15 digits";
            }
        }
        return null;
    }
}
