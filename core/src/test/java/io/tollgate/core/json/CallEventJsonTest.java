package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallEventJsonTest {

    /** Written by hand from the topic contract: other teams' producers and consumers are built against this. */
    private static final String GOLDEN = "{\"v\":1,\"type\":\"HANGUP\",\"callId\":\"1748779200.42\","
            + "\"legId\":\"1748779201.43\",\"ts\":1748779212345,\"customer\":\"acme\",\"aNumber\":\"442071234567\","
            + "\"bNumber\":\"4915112345678\",\"vendor\":\"carrier-b\",\"cause\":17,\"agentId\":\"agent-fra-1\","
            + "\"seq\":5}";

    private final JsonCodec<CallEvent> codec = JsonCodec.CALL_EVENT;

    @Test
    void writesTheGoldenSample() {
        assertThat(new String(codec.encode(Samples.hangup()), StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
    }

    @Test
    void readsTheGoldenSample() {
        assertThat(codec.decode(bytes(GOLDEN))).isEqualTo(Samples.hangup());
    }

    @Test
    void leavesOutWhatAnEventDoesNotCarry() {
        CallEvent setup = new CallEvent(CallEvent.Type.SETUP, "c1", "c1", Instant.ofEpochMilli(1000), "acme",
                "441", "492", null, null, "agent-1", 0);

        assertThat(new String(codec.encode(setup), StandardCharsets.UTF_8)).isEqualTo(
                "{\"v\":1,\"type\":\"SETUP\",\"callId\":\"c1\",\"legId\":\"c1\",\"ts\":1000,\"customer\":\"acme\","
                        + "\"aNumber\":\"441\",\"bNumber\":\"492\",\"agentId\":\"agent-1\",\"seq\":0}");
    }

    @Test
    void holdsTsInMillisecondsLikeTheWire() {
        CallEvent event = new CallEvent(CallEvent.Type.ANSWER, "c1", "c2",
                Instant.parse("2025-06-01T12:00:00.123456789Z"), null, null, null, null, null, null, 3);

        assertThat(event.ts()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123Z"));
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void refusesTsInAnotherForm() {
        String iso = GOLDEN.replace("1748779212345", "\"2025-06-01T12:00:12.345Z\"");
        String seconds = GOLDEN.replace("1748779212345", "1748779212.345");

        assertThatThrownBy(() -> codec.decode(bytes(iso)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("CallEvent")
                .hasMessageContaining("epoch milliseconds")
                .hasMessageContaining("at ts");
        assertThatThrownBy(() -> codec.decode(bytes(seconds)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("epoch milliseconds");
    }

    @Test
    void refusesAMissingCallIdInTheDomainsOwnWords() {
        String noCallId = GOLDEN.replace("\"callId\":\"1748779200.42\",", "");

        assertThatThrownBy(() -> codec.decode(bytes(noCallId)))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode CallEvent v1: callId is required");
    }

    @Test
    void refusesCoercedNumbersAndUnknownTypes() {
        assertThatThrownBy(() -> codec.decode(bytes(GOLDEN.replace("\"cause\":17", "\"cause\":17.0"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("at cause");
        assertThatThrownBy(() -> codec.decode(bytes(GOLDEN.replace("\"cause\":17", "\"cause\":\"17\""))))
                .isInstanceOf(CodecException.class).hasMessageContaining("at cause");
        assertThatThrownBy(() -> codec.decode(bytes(GOLDEN.replace("\"cause\":17", "\"cause\":200"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("Q.850");
        assertThatThrownBy(() -> codec.decode(bytes(GOLDEN.replace("\"seq\":5", "\"seq\":null"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("at seq");
        assertThatThrownBy(() -> codec.decode(bytes(GOLDEN.replace("HANGUP", "TELEPORT"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("TELEPORT");
    }

    @Test
    void refusesAMissingSequenceNumberRatherThanReadingZero() {
        String noSeq = GOLDEN.replace(",\"seq\":5", "");

        assertThatThrownBy(() -> codec.decode(bytes(noSeq)))
                .isInstanceOf(CodecException.class).hasMessageContaining("seq");
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
