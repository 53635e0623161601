package io.tollgate.jobs.fraud.features;

import io.tollgate.core.fraud.HighRiskPrefixes;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static io.tollgate.jobs.fraud.features.Traffic.at;
import static io.tollgate.jobs.fraud.features.Traffic.min;
import static org.assertj.core.api.Assertions.assertThat;

/** The state as Flink keeps it: through its Kryo serializer, and back to the same facts. */
class KryoStateTest {

    @Test
    void customerTrafficSurvivesKryo() throws IOException {
        assertThat(TypeInformation.of(CustomerTraffic.class)).isInstanceOf(GenericTypeInfo.class);
        Traffic t = new Traffic();
        for (int i = 0; i < 1000; i++) {
            String id = String.format("1700000000.%06d-abcdef0123456789abcdef01", i);
            t.setup(id, 240 + i / 10, "+44207946" + (1000 + i));
            if (i % 2 == 0) {
                t.answer(id, 245 + i / 10).end(id, 260 + i / 10)
                        .rated(id, 240 + i / 10, 245L + i / 10, 260 + i / 10, "+44207946" + (1000 + i), "0.05",
                                "0.02");
            }
        }
        FeatureSettings settings = FeatureSettings.DEFAULT.withHighRisk(new HighRiskPrefixes(Map.of("4420794", "x")));
        t.observe(min(5), settings);

        KryoSerializer<CustomerTraffic> kryo = new KryoSerializer<>(CustomerTraffic.class, new SerializerConfigImpl());
        byte[] bytes = write(kryo, t.state());
        CustomerTraffic copy = read(kryo, bytes);

        assertThat(bytes.length).isLessThan(1000 * 150);               // ~100 bytes a call, rated half of them
        assertThat(copy.observe(at(min(6)), settings)).isEqualTo(t.state().observe(at(min(6)), settings));
    }

    @Test
    void vendorRoutesSurviveKryo() throws IOException {
        VendorRoutes routes = new VendorRoutes();
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            routes.onQuality(quality(t0.plusSeconds(300L * i), 10, 5));
        }
        KryoSerializer<VendorRoutes> kryo = new KryoSerializer<>(VendorRoutes.class, new SerializerConfigImpl());
        VendorRoutes copy = read(kryo, write(kryo, routes));
        VendorQuality next = quality(t0.plusSeconds(1800), 10, 1);
        assertThat(copy.onQuality(next)).isEqualTo(routes.onQuality(next));
    }

    private static VendorQuality quality(Instant start, long attempts, long answered) {
        return new VendorQuality("v", "44", start, start.plusSeconds(900), attempts, answered, answered,
                BigDecimal.ZERO, 0, 0);
    }

    private static <T> byte[] write(KryoSerializer<T> kryo, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        kryo.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T read(KryoSerializer<T> kryo, byte[] bytes) throws IOException {
        return kryo.deserialize(new DataInputDeserializer(bytes));
    }
}
