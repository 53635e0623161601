package io.tollgate.jobs.cdr;

import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deck activations among the instructions. Other instructions are the routing agent's; an instruction that
 * cannot be read is left to the agent, which dead-letters it, so it is not refused twice.
 */
public final class ActivationDeserializer implements KafkaRecordDeserializationSchema<DeckActivation> {
    private static final Logger log = LoggerFactory.getLogger(ActivationDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeckActivation> out) {
        if (record.value() == null) {
            return; // a tombstone: the compacted topic forgetting a subject
        }
        try {
            Instruction instruction = JsonCodec.INSTRUCTION.decode(record.value());
            if (instruction instanceof DeckActivation activation) {
                out.collect(activation);
            }
        } catch (CodecException e) {
            log.debug("instruction at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<DeckActivation> getProducedType() {
        return TypeInformation.of(DeckActivation.class);
    }
}
