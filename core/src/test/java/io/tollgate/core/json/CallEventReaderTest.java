package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tollgate.core.json.CallEventJsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reader takes the common case and leaves every other value to data binding, which decides as before. */
class CallEventReaderTest {
    private static final String REORDERED = "{\"seq\":5,\"type\":\"HANGUP\",\"v\":1,\"ts\":1748779212345,"
            + "\"callId\":\"1748779200.42\",\"legId\":null,\"cause\":17,\"vendor\":\"b\\u00e9\\\"\"}";

    @Test
    void readsFieldsInAnyOrderWithEscapesAndNulls() {
        CallEvent event = CallEventReader.read(bytes(REORDERED));

        assertThat(event).isNotNull();
        assertThat(event.vendor()).isEqualTo("bé\"");
        assertThat(event.legId()).isNull();
        assertThat(event).isEqualTo(JsonCodec.CALL_EVENT.decode(bytes(REORDERED)));
    }

    @Test
    void leavesTheUnusualToDataBinding() {
        List<String> unusual = List.of(
                REORDERED.replace("\"seq\":5,", "\"seq\":5,\"extra\":[1,2],"),
                REORDERED.replace("\"seq\":5,", "\"seq\":5,\"seq\":6,"),
                REORDERED.replace("\"v\":1", "\"v\":2"),
                REORDERED.replace("\"cause\":17", "\"cause\":17.0"),
                REORDERED.replace("\"cause\":17", "\"cause\":200"),
                REORDERED.replace("\"seq\":5,", ""),
                REORDERED + " {}",
                "[1]");
        for (String json : unusual) {
            assertThat(CallEventReader.read(bytes(json))).as(json).isNull();
        }
        // an unknown field is ignored, as ever; a repeated one refused, as ever
        assertThat(JsonCodec.CALL_EVENT.decode(bytes(unusual.get(0)))).isEqualTo(CallEventReader.read(bytes(REORDERED)));
        assertThatThrownBy(() -> JsonCodec.CALL_EVENT.decode(bytes(unusual.get(1)))).isInstanceOf(CodecException.class);
    }
}
