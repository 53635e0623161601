package io.tollgate.ingest.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.WireFormat;

import java.io.IOException;

/**
 * The {@code tollgate.dead-letter} value: UTF-8 JSON with the schema version {@code "v"} first, as every Tollgate
 * topic value. A value without {@code "v"} or with another version is refused rather than guessed at.
 */
public final class DeadLetterJson {
    public static final int VERSION = 1;
    private static final String TYPE = "DeadLetter";
    private static final ObjectMapper MAPPER = WireFormat.newMapper();

    private DeadLetterJson() {
    }

    public static byte[] encode(DeadLetter letter) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("v", VERSION);
        json.setAll((ObjectNode) MAPPER.valueToTree(letter));
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new CodecException(TYPE, "cannot encode " + TYPE + ": " + e.getOriginalMessage(), e);
        }
    }

    public static DeadLetter decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": the value is empty");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": malformed JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": the value is not a JSON object");
        }
        JsonNode v = json.get("v");
        if (v == null) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": the schema version field \"v\" is missing");
        }
        if (!v.isInt() || v.intValue() != VERSION) {
            throw new CodecException(TYPE, TYPE + " schema version " + v + " is not one this build reads (" + VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(json, DeadLetter.class);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new CodecException(TYPE, "cannot decode " + TYPE + " v" + VERSION + ": " + reason, e);
        }
    }
}
