package io.tollgate.jobs.serial;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own serializer contract (copies, snapshots, views split anywhere) over the strings call ids can be. */
class Utf8StringSerializerTest extends SerializerTestBase<String> {
    @Override
    protected TypeSerializer<String> createSerializer() {
        return Utf8StringSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    protected String[] getTestData() {
        return new String[] {"", "1748779200.42", "run3f9a1c2e-000123", "Zürich ☎ 𝄞", "x".repeat(127), "y".repeat(128),
            "z".repeat(70_000)};
    }
}
