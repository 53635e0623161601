package io.tollgate.core.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tollgate.core.json.CallEventJsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire form of each topic's value, pinned: a change here is a change of contract for every consumer
 * (the ClickHouse sink, the console, the agents) and needs a schema version decision.
 */
class MessageGoldenTest {

    private static final String ATTEMPTS = "\"attempts\":["
            + "{\"vendor\":\"carrier-a\",\"legId\":\"1748779200.43\",\"cause\":34,\"answered\":false},"
            + "{\"vendor\":\"carrier-b\",\"legId\":\"1748779200.44\",\"cause\":16,\"pddMs\":2150,\"answered\":true}]";

    private static final String CDR_FIELDS = "\"callId\":\"1748779200.42\",\"customer\":\"acme\","
            + "\"aNumber\":\"442071234567\",\"bNumber\":\"4915112345678\","
            + "\"setup\":\"2025-06-01T12:00:00.250Z\",\"answer\":\"2025-06-01T12:00:07.500Z\","
            + "\"end\":\"2025-06-01T12:01:13.100Z\",\"durationS\":65.6,\"disposition\":\"ANSWERED\",\"cause\":16,"
            + ATTEMPTS + ",\"flags\":[]";

    static final String CDR = "{\"v\":1," + CDR_FIELDS + "}";

    static final String RATED_CDR = "{\"v\":1,\"cdr\":{" + CDR_FIELDS + "},\"vendor\":\"carrier-b\","
            + "\"customerLeg\":{\"deckId\":\"acme\",\"deckVersion\":3,\"currency\":\"EUR\",\"prefix\":\"49151\","
            + "\"rate\":0.0120,\"billedS\":66,\"amount\":0.013200},"
            + "\"vendorLeg\":{\"deckId\":\"carrier-b\",\"deckVersion\":17,\"currency\":\"USD\",\"prefix\":\"4915\","
            + "\"rate\":0.0095,\"billedS\":66,\"amount\":0.010450},"
            + "\"fxRate\":0.921350,\"margin\":0.003572,\"currency\":\"EUR\"}";

    static final String FRAUD_ALERT = "{\"v\":1,\"ruleId\":\"irsf-burst\",\"severity\":\"CRITICAL\","
            + "\"customer\":\"acme\",\"subject\":\"882\",\"evidence\":{"
            + "\"windowStart\":\"2025-06-01T12:00:00Z\",\"windowEnd\":\"2025-06-01T12:05:00Z\","
            + "\"counts\":{\"calls\":240,\"distinctBNumbers\":231},\"amounts\":{\"cost\":187.420000},"
            + "\"sampleCallIds\":[\"1748779200.42\",\"1748779201.17\"]},"
            + "\"firstEventTime\":\"2025-06-01T12:00:03.120Z\",\"lastEventTime\":\"2025-06-01T12:04:58.870Z\"}";

    static final String BLOCK = "{\"v\":1,\"kind\":\"block\",\"prefix\":\"447\",\"reason\":\"irsf-burst on acme\","
            + "\"version\":7,\"issuer\":\"rule:irsf-burst\",\"issuedAt\":\"2025-06-01T12:05:01Z\"}";

    @Test
    void cdr() {
        assertThat(text(JsonCodec.CDR.encode(Samples.cdr()))).isEqualTo(CDR);
        assertThat(JsonCodec.CDR.decode(bytes(CDR))).isEqualTo(Samples.cdr());
    }

    @Test
    void ratedCdr() {
        assertThat(text(JsonCodec.RATED_CDR.encode(Samples.ratedCdr()))).isEqualTo(RATED_CDR);
        assertThat(JsonCodec.RATED_CDR.decode(bytes(RATED_CDR))).isEqualTo(Samples.ratedCdr());
    }

    @Test
    void fraudAlert() {
        assertThat(text(JsonCodec.FRAUD_ALERT.encode(Samples.fraudAlert()))).isEqualTo(FRAUD_ALERT);
        assertThat(JsonCodec.FRAUD_ALERT.decode(bytes(FRAUD_ALERT))).isEqualTo(Samples.fraudAlert());
    }

    @Test
    void block() {
        assertThat(text(JsonCodec.INSTRUCTION.encode(Samples.block()))).isEqualTo(BLOCK);
        assertThat(JsonCodec.INSTRUCTION.decode(bytes(BLOCK))).isEqualTo(Samples.block());
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
