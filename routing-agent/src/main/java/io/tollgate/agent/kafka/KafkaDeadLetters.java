package io.tollgate.agent.kafka;

import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.deadletter.DeadLetters;
import io.tollgate.ingest.kafka.Producers;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The agent's dead letters on {@code tollgate.dead-letter}, as ingest's DeadLetterPublisher writes them (value
 * {@link DeadLetterJson}, key the origin's source), but sent from a queue of its own: the instruction listener must
 * not wait up to a minute on Kafka for a refused record while the instructions behind it (a fraud block) wait too.
 * The listener has logged each refused record in full already; a letter Kafka does not take is logged again here.
 */
final class KafkaDeadLetters implements DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetters.class);
    private static final int CAPACITY = 10_000;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final ProducerQueue<DeadLetter> queue;

    KafkaDeadLetters(Producer<String, byte[]> producer, String topic) {
        this.topic = topic;
        this.queue = ProducerQueue.start("dead-letter-publisher", producer, CAPACITY,
                letter -> new ProducerRecord<>(topic, letter.origin().source(), DeadLetterJson.encode(letter)),
                new ProducerQueue.Outcome<>() {
                    @Override
                    public void delivered(DeadLetter letter, long nanos) {
                    }

                    @Override
                    public void failed(DeadLetter letter, Exception cause) {
                        lost(letter, cause.toString());
                    }
                });
    }

    static KafkaDeadLetters connect(String bootstrap, String topic) {
        return new KafkaDeadLetters(Producers.reliable(bootstrap, PATIENCE), topic);
    }

    /** Enqueues the letter; never waits on Kafka. */
    @Override
    public void refuse(DeadLetter letter) {
        ProducerQueue.Offer offer = queue.offer(letter);
        if (offer != ProducerQueue.Offer.ACCEPTED) {
            lost(letter, offer == ProducerQueue.Offer.FULL ? CAPACITY + " letters are waiting for Kafka" : "closed");
        }
    }

    /** Returns at once: letters are sent in the background, and one that fails is logged then. */
    @Override
    public void flush() {
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic;
    }

    @Override
    public void close() {
        queue.close(CLOSE_TIMEOUT);
    }

    private void lost(DeadLetter letter, String why) {
        LOG.error("the dead letter for {} was not stored on {}: {}", letter.origin(), topic, why);
    }
}
