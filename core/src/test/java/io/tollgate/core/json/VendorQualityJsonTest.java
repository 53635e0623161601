package io.tollgate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.core.quality.VendorQuality;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorQualityJsonTest {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

    private final JsonCodec<VendorQuality> codec = JsonCodec.VENDOR_QUALITY;

    /** Germany on carrier-b over 15 minutes: 7 attempts, 3 answered for 201.35 s, 5 effective, PDD from 6. */
    private static VendorQuality germany() {
        return new VendorQuality("carrier-b", "49", START, START.plusSeconds(900), 7, 3, 5,
                new BigDecimal("201.35"), 6, 11_003);
    }

    @Test
    void comesBackEqualInStableBytes() {
        byte[] json = codec.encode(germany());

        assertThat(codec.decode(json)).isEqualTo(germany());
        assertThat(codec.encode(codec.decode(json))).isEqualTo(json);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,\"vendor\":\"carrier-b\",");
    }

    @Test
    void carriesTheRatiosForConsumersThatRouteOnThem() throws Exception {
        VendorQuality quality = germany();
        JsonNode json = TREE.readTree(codec.encode(quality));

        assertThat(json.get("asr").decimalValue()).isEqualTo(quality.asr());
        assertThat(json.get("ner").decimalValue()).isEqualTo(quality.ner());
        assertThat(json.get("acdS").decimalValue()).isEqualTo(quality.acdS());
        assertThat(json.get("pddMs").decimalValue()).isEqualTo(quality.pddMs());
        assertThat(json.get("windowStart").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(json.get("windowEnd").asText()).isEqualTo("2025-06-01T12:15:00Z");
        assertThat(json.get("answeredS").decimalValue()).isEqualTo(new BigDecimal("201.35"));
    }

    @Test
    void leavesOutARatioWithNothingToDivideBy() throws Exception {
        VendorQuality failing = new VendorQuality("carrier-b", "49", START, START.plusSeconds(900), 4, 0, 1,
                BigDecimal.ZERO, 0, 0);
        JsonNode json = TREE.readTree(codec.encode(failing));

        assertThat(json.has("acdS")).isFalse();
        assertThat(json.has("pddMs")).isFalse();
        assertThat(json.get("asr").decimalValue()).isEqualByComparingTo("0");
        assertThat(codec.decode(codec.encode(failing))).isEqualTo(failing);
    }

    @Test
    void derivesTheRatiosAgainInsteadOfTrustingTheWire() throws Exception {
        ObjectNode json = (ObjectNode) TREE.readTree(codec.encode(germany()));
        json.put("asr", new BigDecimal("0.9999"));
        json.put("acdS", new BigDecimal("1"));

        VendorQuality read = codec.decode(TREE.writeValueAsBytes(json));

        assertThat(read).isEqualTo(germany());
        assertThat(read.asr()).isEqualTo(germany().asr());
        assertThat(read.acdS()).isEqualTo(germany().acdS());
    }

    @Test
    void refusesCountsThatDoNotFitTogether() throws Exception {
        ObjectNode json = (ObjectNode) TREE.readTree(codec.encode(germany()));
        json.put("answered", 9);

        assertThatThrownBy(() -> codec.decode(TREE.writeValueAsBytes(json)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("counts do not fit together");
    }
}
