package io.tollgate.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tollgate.core.cdr.CallEvent;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads a well-formed version 1 call event straight from the token stream: the CDR pipeline decodes every event,
 * and data binding with duplicate detection was its largest cost. Anything this reader does not expect (another
 * version, an unknown or repeated field, a number in another form, a value the record refuses, trailing tokens)
 * returns null, and {@link JsonCodec} decodes the value the general way, which refuses it with the usual message.
 * So what is accepted, and what is said about what is refused, is exactly the general codec's.
 */
final class CallEventReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CallEvent.Type[] TYPES = CallEvent.Type.values();

    private CallEventReader() {
    }

    /** The event, or null when the general decoder must decide; the plain form first ({@link CallEventScanner}). */
    static CallEvent read(byte[] json) {
        CallEvent plain = CallEventScanner.read(json);
        return plain != null ? plain : fromTokens(json);
    }

    /** The event read from Jackson's token stream, or null. */
    static CallEvent fromTokens(byte[] json) {
        try (JsonParser in = JSON.createParser(json)) {
            return read(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static CallEvent read(JsonParser in) throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        CallEvent.Type type = null;
        String callId = null;
        String legId = null;
        Instant ts = null;
        String customer = null;
        String aNumber = null;
        String bNumber = null;
        String vendor = null;
        Integer cause = null;
        String agentId = null;
        long seq = -1;
        int seen = 0;
        JsonToken token;
        while ((token = in.nextToken()) == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            int bit = bit(name);
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            switch (name) {
                case "v" -> {
                    if (!integer(in, value) || in.getIntValue() != 1) {
                        return null;
                    }
                }
                case "type" -> {
                    type = value == JsonToken.VALUE_STRING ? type(in.getText()) : null;
                    if (type == null) {
                        return null;
                    }
                }
                case "ts" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    ts = Instant.ofEpochMilli(in.getLongValue());
                }
                case "cause" -> {
                    if (value != JsonToken.VALUE_NULL && !integer(in, value)) {
                        return null;
                    }
                    cause = value == JsonToken.VALUE_NULL ? null : in.getIntValue();
                }
                case "seq" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    seq = in.getLongValue();
                }
                default -> {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    String text = value == JsonToken.VALUE_NULL ? null : in.getText();
                    switch (name) {
                        case "callId" -> callId = text;
                        case "legId" -> legId = text;
                        case "customer" -> customer = text;
                        case "aNumber" -> aNumber = text;
                        case "bNumber" -> bNumber = text;
                        case "vendor" -> vendor = text;
                        default -> agentId = text;
                    }
                }
            }
        }
        boolean complete = token == JsonToken.END_OBJECT && in.nextToken() == null
                && (seen & bit("v")) != 0 && (seen & bit("seq")) != 0 && type != null && callId != null && ts != null;
        return complete ? new CallEvent(type, callId, legId, ts, customer, aNumber, bNumber, vendor, cause, agentId, seq)
                : null;
    }

    private static boolean integer(JsonParser in, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT;
    }

    /** The type named, or null. */
    static CallEvent.Type type(String name) {
        for (CallEvent.Type t : TYPES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** One bit per known field; 0 for a field this reader leaves to the general decoder. */
    private static int bit(String name) {
        return switch (name) {
            case "v" -> 1;
            case "type" -> 1 << 1;
            case "callId" -> 1 << 2;
            case "legId" -> 1 << 3;
            case "ts" -> 1 << 4;
            case "customer" -> 1 << 5;
            case "aNumber" -> 1 << 6;
            case "bNumber" -> 1 << 7;
            case "vendor" -> 1 << 8;
            case "cause" -> 1 << 9;
            case "agentId" -> 1 << 10;
            case "seq" -> 1 << 11;
            default -> 0;
        };
    }
}
