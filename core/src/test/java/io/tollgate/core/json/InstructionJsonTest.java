package io.tollgate.core.json;

import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.tollgate.core.json.CallEventJsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionJsonTest {

    private static final Instant AT = Instant.parse("2025-06-01T12:05:01Z");
    private final JsonCodec<Instruction> codec = JsonCodec.INSTRUCTION;

    @Test
    void everyKindTravelsWithItsName() {
        List<Instruction> all = List.of(
                new Block("acme", "447", null, null, 1, "ana", AT),
                new Unblock("acme", "447", null, "false positive", 2, "ana", AT),
                new VendorPriority("carrier-b", "4915", 1, 70, 3, "trader-jo", AT),
                new Limit(Party.CUSTOMER, "acme", 300, 20, 4, "ops", AT),
                new DeckActivation(Party.VENDOR, "carrier-b", "carrier-b-17", 5, "trader-jo", AT));
        List<String> kinds = List.of("block", "unblock", "vendor-priority", "limit", "deck-activation");

        for (int i = 0; i < all.size(); i++) {
            String json = new String(codec.encode(all.get(i)), StandardCharsets.UTF_8);
            assertThat(json).startsWith("{\"v\":1,\"kind\":\"" + kinds.get(i) + "\",");
            assertThat(json).doesNotContain("subject");
            assertThat(codec.decode(bytes(json))).isEqualTo(all.get(i));
        }
    }

    @Test
    void readsAnAgentsViewOfAHandWrittenLimit() {
        String json = "{\"v\":1,\"kind\":\"limit\",\"party\":\"VENDOR\",\"partyId\":\"carrier-b\",\"maxChannels\":120,"
                + "\"version\":9,\"issuer\":\"ops\",\"issuedAt\":\"2025-06-01T14:05:01+02:00\"}";

        Instruction limit = codec.decode(bytes(json));

        assertThat(limit).isEqualTo(new Limit(Party.VENDOR, "carrier-b", 120, null, 9, "ops", AT));
        assertThat(limit.subject()).isEqualTo("limit:vendor:carrier-b");
    }

    @Test
    void refusesAnUnknownKindNamingIt() {
        String json = "{\"v\":1,\"kind\":\"reroute\",\"version\":1,\"issuer\":\"a\",\"issuedAt\":\"2025-06-01T12:05:01Z\"}";

        assertThatThrownBy(() -> codec.decode(bytes(json)))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode Instruction v1: ")
                .hasMessageContaining("'reroute'");
    }

    @Test
    void refusesAnInstructionWithoutKind() {
        String json = "{\"v\":1,\"prefix\":\"447\",\"version\":1,\"issuer\":\"a\",\"issuedAt\":\"2025-06-01T12:05:01Z\"}";

        assertThatThrownBy(() -> codec.decode(bytes(json)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("missing type id property 'kind'");
    }

    @Test
    void refusesAnInvalidTargetInTheDomainsWords() {
        String json = MessageGoldenTest.BLOCK.replace("\"447\"", "\"+447\"");

        assertThatThrownBy(() -> codec.decode(bytes(json)))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode Instruction v1: prefix must be 1 to 15 digits of an E.164 number, "
                        + "without '+', got '+447'");
    }
}
