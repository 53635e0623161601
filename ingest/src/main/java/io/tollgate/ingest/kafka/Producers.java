package io.tollgate.ingest.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;

/** The one way Tollgate's commands write to Kafka. */
public final class Producers {
    private Producers() {
    }

    /**
     * Idempotent with acks=all: a record counts as written only once every in-sync replica has it, and retries
     * never write it twice. A missing topic or a dead cluster fails within {@code patience} instead of Kafka's
     * default minute, so a command can say what to do.
     */
    public static KafkaProducer<String, byte[]> reliable(String bootstrap, Duration patience) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(patience.toMillis(), 20_000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(patience.toMillis(), 10_020)));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
