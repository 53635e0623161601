package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tollgate.core.json.CallEventJsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every value says which schema it follows, and a reader refuses what it was not built for. */
class SchemaVersionTest {

    private final JsonCodec<CallEvent> codec = JsonCodec.CALL_EVENT;
    private final String event = new String(codec.encode(Samples.hangup()), StandardCharsets.UTF_8);

    @Test
    void everyTypeWritesItsVersionFirst() {
        assertThat(text(JsonCodec.CALL_EVENT.encode(Samples.hangup()))).startsWith("{\"v\":1,\"type\":");
        assertThat(text(JsonCodec.CDR.encode(Samples.cdr()))).startsWith("{\"v\":1,\"callId\":");
        assertThat(text(JsonCodec.RATED_CDR.encode(Samples.ratedCdr()))).startsWith("{\"v\":1,\"cdr\":{\"callId\"");
        assertThat(text(JsonCodec.FRAUD_ALERT.encode(Samples.fraudAlert()))).startsWith("{\"v\":1,\"ruleId\":");
        assertThat(text(JsonCodec.INSTRUCTION.encode(Samples.block()))).startsWith("{\"v\":1,\"kind\":\"block\"");
    }

    @Test
    void readsTheVersionWhereverItStands() {
        String last = event.replace("{\"v\":1,", "{").replace("}", ",\"v\":1}");

        assertThat(codec.decode(bytes(last))).isEqualTo(Samples.hangup());
    }

    @Test
    void refusesAValueWithoutVersion() {
        CodecException refused = catchThrowableOfType(CodecException.class,
                () -> codec.decode(bytes(event.replace("\"v\":1,", ""))));

        assertThat(refused).hasMessage("cannot decode CallEvent: the schema version field \"v\" is missing");
        assertThat(refused.typeName()).isEqualTo("CallEvent");
    }

    @Test
    void doesNotTakeANestedVersionForTheValuesOwn() {
        String nested = event.replace("\"v\":1,", "\"extra\":{\"v\":1},");

        assertThatThrownBy(() -> codec.decode(bytes(nested)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("\"v\" is missing");
    }

    @Test
    void refusesANewerVersionNamingTypeAndVersion() {
        assertThatThrownBy(() -> codec.decode(bytes(event.replace("\"v\":1", "\"v\":2"))))
                .isInstanceOf(CodecException.class)
                .hasMessage("CallEvent schema version 2 is newer than the versions this build reads (1)");
    }

    @Test
    void refusesAnUnknownOlderVersion() {
        assertThatThrownBy(() -> JsonCodec.CDR.decode(bytes("{\"v\":0,\"callId\":\"c1\"}")))
                .isInstanceOf(CodecException.class)
                .hasMessage("Cdr schema version 0 is not one of the versions this build reads (1)");
    }

    @Test
    void refusesAVersionThatIsNotAnInteger() {
        for (String v : new String[] {"\"1\"", "1.0", "null", "{}", "99999999999"}) {
            assertThatThrownBy(() -> codec.decode(bytes(event.replace("\"v\":1", "\"v\":" + v))))
                    .as("v = %s", v)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("CallEvent")
                    .hasMessageContaining("\"v\" must be an integer");
        }
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> codec.decode(bytes("[1,2]")))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode CallEvent: the value is not a JSON object");
        assertThatThrownBy(() -> codec.decode(bytes("{\"v\":1,\"type\":")))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode CallEvent v1: ");
        assertThatThrownBy(() -> codec.decode(bytes(event + "{}")))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode CallEvent: the value is empty");
        assertThatThrownBy(() -> codec.decode(null))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode CallEvent: the value is empty");
    }

    @Test
    void refusesDuplicateFields() {
        String twice = event.replace("\"cause\":17", "\"cause\":17,\"cause\":16");

        assertThatThrownBy(() -> codec.decode(bytes(twice)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("Duplicate field 'cause'");
    }

    @Test
    void toleratesFieldsFromANewerProducerOfTheSameVersion() {
        String extended = event.replace("\"seq\":5", "\"seq\":5,\"codec\":\"PCMA\",\"sip\":{\"headers\":[1,2]}");

        assertThat(codec.decode(bytes(extended))).isEqualTo(Samples.hangup());
    }

    @Test
    void readsFieldsInAnyOrder() {
        Cdr cdr = Samples.cdr();
        String json = text(JsonCodec.CDR.encode(cdr));
        String reordered = "{\"disposition\":\"ANSWERED\"," + json.substring(1).replace(",\"disposition\":\"ANSWERED\"", "");

        assertThat(JsonCodec.CDR.decode(bytes(reordered))).isEqualTo(cdr);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
