package io.tollgate.agent.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.WireFormat;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's acknowledgement that it applied an instruction, as published on {@code tollgate.instruction-acks}
 * (keyed by the subject): {@code {"v":1,"subject","version","type","agentId","appliedAt","lagMs"}}, with
 * {@code appliedAt} in epoch milliseconds. A trader's console reads these to see which agents enforce an
 * instruction and how late.
 *
 * @param type  the instruction's kind as the instructions topic names it ({@code block}, {@code deck-activation}...)
 * @param lagMs appliedAt minus the instruction record's timestamp; negative only when the clocks disagree
 */
public record InstructionAck(String subject, long version, String type, String agentId, Instant appliedAt,
        long lagMs) {
    public static final int VERSION = 1;
    private static final String TYPE = "InstructionAck";
    private static final ObjectMapper MAPPER = WireFormat.newMapper();
    // The "kind" names of the instruction codec (InstructionMixin); InstructionAckTest holds the two together.
    private static final Map<Class<? extends Instruction>, String> KINDS = Map.of(
            Block.class, "block",
            Unblock.class, "unblock",
            VendorPriority.class, "vendor-priority",
            Limit.class, "limit",
            DeckActivation.class, "deck-activation");

    public InstructionAck {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** The acknowledgement of {@code instruction}, applied by {@code agentId} at {@code appliedAt}. */
    public static InstructionAck of(Instruction instruction, String agentId, Instant appliedAt, long lagMs) {
        return new InstructionAck(instruction.subject(), instruction.version(), kindOf(instruction), agentId,
                appliedAt, lagMs);
    }

    /** The wire name of an instruction's kind. */
    public static String kindOf(Instruction instruction) {
        return KINDS.get(instruction.getClass());
    }

    public byte[] toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("v", VERSION);
        json.put("subject", subject);
        json.put("version", version);
        json.put("type", type);
        json.put("agentId", agentId);
        json.put("appliedAt", appliedAt.toEpochMilli());
        json.put("lagMs", lagMs);
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new CodecException(TYPE, "cannot encode " + TYPE + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads one value; refuses a missing or unknown schema version and missing fields. */
    public static InstructionAck fromJson(byte[] value) {
        JsonNode json;
        try {
            json = value == null ? null : MAPPER.readTree(value);
        } catch (IOException e) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": malformed JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": the value is not a JSON object");
        }
        if (!json.path("v").isInt() || json.get("v").intValue() != VERSION) {
            throw new CodecException(TYPE, TYPE + " schema version " + json.get("v") + " is not one this build reads ("
                    + VERSION + ")");
        }
        return new InstructionAck(text(json, "subject"), number(json, "version"), text(json, "type"),
                text(json, "agentId"), Instant.ofEpochMilli(number(json, "appliedAt")), number(json, "lagMs"));
    }

    private static String text(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": \"" + field + "\" must be a string");
        }
        return json.get(field).textValue();
    }

    private static long number(JsonNode json, String field) {
        if (!json.path(field).isIntegralNumber()) {
            throw new CodecException(TYPE, "cannot decode " + TYPE + ": \"" + field + "\" must be an integer");
        }
        return json.get(field).longValue();
    }
}
