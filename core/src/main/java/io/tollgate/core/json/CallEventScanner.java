package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads a version 1 call event in the plain form producers write, byte by byte: strings of printable ASCII with no
 * escapes, integers of up to 18 digits, nulls, any whitespace between tokens, the fields in any order. Decoding
 * events was the CDR pipeline's largest cost even on Jackson's token stream (a profile of the warm pipeline put
 * 43 % of its samples there), and this subset is what every producer of ours writes.
 *
 * <p>Anything else (an escape, a non-ASCII byte, an unknown or repeated field, a fraction, a longer number,
 * trailing bytes, a value the record refuses) gives null, and {@link CallEventReader} takes the value on as before,
 * so what is accepted, and how it decodes, does not change.
 */
final class CallEventScanner {
    private static final int MAX_DIGITS = 18;
    private static final String[] FIELDS = {"v", "type", "callId", "legId", "ts", "customer", "aNumber", "bNumber",
        "vendor", "cause", "agentId", "seq"};
    private static final byte[][] NAMES = new byte[FIELDS.length][];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            NAMES[i] = FIELDS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Indexes into {@link #FIELDS}. */
    private static final int V = 0;
    private static final int TYPE = 1;
    private static final int CALL_ID = 2;
    private static final int LEG_ID = 3;
    private static final int TS = 4;
    private static final int CUSTOMER = 5;
    private static final int A_NUMBER = 6;
    private static final int B_NUMBER = 7;
    private static final int VENDOR = 8;
    private static final int CAUSE = 9;
    private static final int AGENT_ID = 10;
    private static final int SEQ = 11;
    /** What a field held: not there, null, a string, an integer. */
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte STRING = 2;
    private static final byte NUMBER = 3;

    private final byte[] in;
    private int at;
    /** The value just scanned: a string's bounds, or a number. */
    private int start;
    private int end;
    private long number;

    private CallEventScanner(byte[] in) {
        this.in = in;
    }

    /** The event, or null when the value is not in the plain form. */
    static CallEvent read(byte[] json) {
        try {
            return new CallEventScanner(json).event();
        } catch (RuntimeException e) {
            return null; // a value the record refuses, or bytes ending early: the general way says why
        }
    }

    private CallEvent event() {
        byte[] kinds = new byte[FIELDS.length];
        String[] text = new String[FIELDS.length];
        long[] numbers = new long[FIELDS.length];
        if (next() != '{') {
            return null;
        }
        int c = next();
        while (c == '"') {
            int field = fieldName();
            if (field < 0 || kinds[field] != ABSENT || next() != ':') {
                return null;
            }
            int first = next();
            if (first == 'n' && literalNull()) {
                kinds[field] = NULL;
            } else if (first == '"' && string()) {
                kinds[field] = STRING;
                text[field] = new String(in, start, end - start, StandardCharsets.US_ASCII);
            } else if (integer(first)) {
                kinds[field] = NUMBER;
                numbers[field] = number;
            } else {
                return null;
            }
            c = next();
            if (c == ',') {
                c = next();
                if (c != '"') {
                    return null;
                }
            } else if (c != '}') {
                return null;
            }
        }
        return c == '}' && next() == -1 ? build(kinds, text, numbers) : null;
    }

    /** The event, if every field has a kind the token reader takes: otherwise null. */
    private static CallEvent build(byte[] kinds, String[] text, long[] numbers) {
        for (int f = 0; f < FIELDS.length; f++) {
            boolean allowed = switch (f) {
                case V, TS, SEQ -> kinds[f] == NUMBER;
                case TYPE, CALL_ID -> kinds[f] == STRING;
                case CAUSE -> kinds[f] != STRING;
                default -> kinds[f] != NUMBER;
            };
            if (!allowed) {
                return null;
            }
        }
        CallEvent.Type type = CallEventReader.type(text[TYPE]);
        long cause = numbers[CAUSE];
        if (numbers[V] != 1 || type == null || cause != (int) cause) {
            return null;
        }
        return new CallEvent(type, text[CALL_ID], text[LEG_ID], Instant.ofEpochMilli(numbers[TS]), text[CUSTOMER],
                text[A_NUMBER], text[B_NUMBER], text[VENDOR], kinds[CAUSE] == NUMBER ? (int) cause : null,
                text[AGENT_ID], numbers[SEQ]);
    }

    /** The next byte that is not whitespace, or -1 at the end. */
    private int next() {
        while (at < in.length) {
            byte b = in[at++];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }

    /** After an opening quote: the known field named, or -1. */
    private int fieldName() {
        if (!string()) {
            return -1;
        }
        int length = end - start;
        for (int f = 0; f < NAMES.length; f++) {
            byte[] name = NAMES[f];
            if (name.length == length && same(name)) {
                return f;
            }
        }
        return -1;
    }

    private boolean same(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (in[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** After an opening quote: printable ASCII up to the closing quote, no escapes. */
    private boolean string() {
        start = at;
        while (at < in.length) {
            byte b = in[at];
            if (b == '"') {
                end = at++;
                return true;
            }
            if (b == '\\' || b < 0x20 || b > 0x7e) {
                return false;
            }
            at++;
        }
        return false;
    }

    private boolean literalNull() {
        if (at + 3 > in.length || in[at] != 'u' || in[at + 1] != 'l' || in[at + 2] != 'l') {
            return false;
        }
        at += 3;
        return true;
    }

    /** An integer as JSON writes it (no leading zero, no fraction, no exponent), first byte {@code first}. */
    private boolean integer(int first) {
        boolean negative = first == '-';
        int digit = negative ? (at < in.length ? in[at++] : -1) : first;
        if (digit < '0' || digit > '9') {
            return false;
        }
        long value = digit - '0';
        int digits = 1;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            if (value == 0 || ++digits > MAX_DIGITS) {
                return false;
            }
            value = value * 10 + (in[at++] - '0');
        }
        if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
            return false;
        }
        number = negative ? -value : value;
        return true;
    }
}
