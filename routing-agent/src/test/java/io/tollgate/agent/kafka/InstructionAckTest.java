package io.tollgate.agent.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value of {@code tollgate.instruction-acks}. */
class InstructionAckTest {
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:05:01Z");
    private static final Instant APPLIED = Instant.parse("2025-06-01T12:05:01.250Z");

    @Test
    void theValueCarriesItsSchemaVersionFirstAndEveryField() throws Exception {
        Block block = new Block(null, "447", null, "irsf-burst on acme", 7, "rule:irsf-burst", ISSUED);

        byte[] value = InstructionAck.of(block, "agent-fra-1", APPLIED, 250).toJson();

        String text = new String(value, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"v\":1,");
        JsonNode json = new ObjectMapper().readTree(value);
        assertThat(json.path("subject").asText()).isEqualTo("block:destination:447");
        assertThat(json.path("version").asLong()).isEqualTo(7);
        assertThat(json.path("type").asText()).isEqualTo("block");
        assertThat(json.path("agentId").asText()).isEqualTo("agent-fra-1");
        assertThat(json.path("appliedAt").asLong()).isEqualTo(APPLIED.toEpochMilli());
        assertThat(json.path("lagMs").asLong()).isEqualTo(250);
        assertThat(json.size()).isEqualTo(7);
    }

    @Test
    void readsBackWhatItWrites() {
        InstructionAck ack = new InstructionAck("limit:customer:acme", 3, "limit", "agent-1", APPLIED, -4);

        assertThat(InstructionAck.fromJson(ack.toJson())).isEqualTo(ack);
    }

    @Test
    void theTypeIsTheKindTheInstructionsTopicNamesIt() throws Exception {
        List<Instruction> every = List.of(
                new Block("acme", null, null, "fraud", 1, "analyst", ISSUED),
                new Unblock("acme", null, null, "cleared", 2, "analyst", ISSUED),
                new VendorPriority("carrier-b", "49", 1, 10, 1, "trader", ISSUED),
                new Limit(Party.CUSTOMER, "acme", 100, 10, 1, "trader", ISSUED),
                new DeckActivation(Party.VENDOR, "carrier-b", "carrier-b-17", 17, "trader", ISSUED));

        for (Instruction instruction : every) {
            JsonNode wire = new ObjectMapper().readTree(JsonCodec.INSTRUCTION.encode(instruction));
            assertThat(InstructionAck.kindOf(instruction)).as(instruction.getClass().getSimpleName())
                    .isEqualTo(wire.path("kind").asText());
        }
    }

    @Test
    void refusesAnotherSchemaVersionAndMissingFields() {
        assertThatThrownBy(() -> InstructionAck.fromJson("{\"v\":2,\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> InstructionAck.fromJson("{\"v\":1,\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("\"version\"");
        assertThatThrownBy(() -> InstructionAck.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("not a JSON object");
    }
}
