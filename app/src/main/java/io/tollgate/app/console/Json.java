package io.tollgate.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tollgate.core.json.WireFormat;

import java.io.IOException;

/** The console's JSON: Tollgate's wire format, and reading request bodies into a tree to validate field by field. */
final class Json {
    static final ObjectMapper MAPPER = WireFormat.newMapper();

    private Json() {
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new BadRequest("body", "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequest("body", "is not JSON");
        }
    }

    /** An optional text field of {@code body}; null when absent. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest(field, "must be a string");
        }
        return value.asText();
    }
}
