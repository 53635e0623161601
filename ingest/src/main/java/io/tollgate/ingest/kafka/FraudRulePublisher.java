package io.tollgate.ingest.kafka;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.json.JsonCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;

/**
 * Publishes fraud rule sets on {@code tollgate.fraud-rules}, all under one key: compaction keeps the one in force,
 * and a running fraud job takes it within seconds. Acknowledged by every in-sync replica before it returns.
 */
public final class FraudRulePublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    private FraudRulePublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static FraudRulePublisher connect(String bootstrap, String topic) {
        return new FraudRulePublisher(Producers.reliable(bootstrap, Duration.ofSeconds(25)), topic);
    }

    public RecordMetadata publish(FraudRuleSet rules) throws KafkaUnavailableException {
        return Delivery.await(producer, new ProducerRecord<>(topic, Topics.FRAUD_RULE_SET_KEY,
                JsonCodec.FRAUD_RULE_SET.encode(rules)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
