package io.tollgate.ingest.deadletter;

import io.tollgate.core.json.CodecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterJsonTest {
    private static final DeadLetter FROM_FILE = new DeadLetter(Origin.fileLine("Master.csv", 12),
            "\"\",\"\",\"s\",\"from-vendor\"", "field 'dst': 's' is not a number: unexpected 's'", "cdr-import vendor-a",
            "cdr-0123456789abcdef", Instant.parse("2026-03-02T09:15:00.123Z"));

    @Test
    void aFileLetterIsWrittenWithItsVersionFirstAndReadBackEqual() {
        byte[] json = DeadLetterJson.encode(FROM_FILE);

        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,")
                .contains("\"origin\":{\"file\":\"Master.csv\",\"line\":12}")
                .contains("\"refusedAt\":\"2026-03-02T09:15:00.123Z\"");
        assertThat(DeadLetterJson.decode(json)).isEqualTo(FROM_FILE);
    }

    @Test
    void aTopicLetterRoundTrips() {
        DeadLetter letter = new DeadLetter(Origin.topicOffset("tollgate.call-events", 3, 1234), "{\"v\":9}",
                "CallEvent schema version 9 is newer", "cdr-assembly", "", Instant.parse("2026-03-02T09:15:00Z"));

        assertThat(DeadLetterJson.decode(DeadLetterJson.encode(letter))).isEqualTo(letter);
        assertThat(letter.origin()).hasToString("tollgate.call-events/3@1234");
    }

    @Test
    void aValueWithoutVersionWithAnotherVersionOrAMixedOriginIsRefused() {
        String body = new String(DeadLetterJson.encode(FROM_FILE), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DeadLetterJson.decode(body.replace("\"v\":1,", "").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("\"v\" is missing");
        assertThatThrownBy(() -> DeadLetterJson.decode(body.replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> DeadLetterJson.decode(body.replace("\"line\":12", "\"line\":12,\"topic\":\"t\"")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("either file and line");
        assertThatThrownBy(() -> DeadLetterJson.decode(new byte[0])).hasMessageContaining("empty");
    }
}
