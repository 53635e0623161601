package io.tollgate.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.time.Instant;

/**
 * An instant as a JSON integer of milliseconds since the epoch: the form of {@code ts} on call events, the one
 * high-volume stream, where Kafka timestamps and Flink watermarks are milliseconds too.
 */
final class EpochMillis {

    private EpochMillis() {
    }

    static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.toEpochMilli());
        }
    }

    static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // A string or a fraction here means a producer wrote another form; guessing its unit would be wrong.
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
                        "expected epoch milliseconds as an integer");
            }
            return Instant.ofEpochMilli(p.getLongValue());
        }
    }
}
