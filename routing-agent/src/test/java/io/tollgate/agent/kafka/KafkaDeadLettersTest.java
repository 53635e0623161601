package io.tollgate.agent.kafka;

import ch.qos.logback.classic.Level;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.deadletter.Origin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's dead letters: ingest's wire format and key, sent in the background, failures logged. */
class KafkaDeadLettersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final KafkaDeadLetters letters = new KafkaDeadLetters(producer, "tollgate.dead-letter");
    private final LogCapture log = new LogCapture(KafkaDeadLetters.class);

    @AfterEach
    void close() {
        letters.close();
        log.close();
    }

    @Test
    void aLetterIsSentKeyedByItsSourceAsDeadLetterJson() {
        DeadLetter letter = letter(41);

        letters.refuse(letter);

        Await.until(WAIT, () -> producer.history().size() == 1, "the letter sent");
        assertThat(producer.history().get(0).key()).isEqualTo("tollgate.instructions");
        assertThat(DeadLetterJson.decode(producer.history().get(0).value())).isEqualTo(letter);
    }

    @Test
    void aLetterKafkaDoesNotTakeIsLoggedWithItsOrigin() {
        letters.refuse(letter(41));
        Await.until(WAIT, () -> producer.history().size() == 1, "the letter sent");

        producer.errorNext(new TimeoutException("expired"));

        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .contains("tollgate.instructions/2@41", "expired");
    }

    private static DeadLetter letter(long offset) {
        return new DeadLetter(Origin.topicOffset("tollgate.instructions", 2, offset), "garbage",
                "cannot decode Instruction: malformed JSON", "routing-agent/agent-1", "", Instant.parse("2025-06-01T12:00:00Z"));
    }
}
