package io.tollgate.jobs.serial;

import io.tollgate.jobs.cdr.EventBundle;
import io.tollgate.jobs.cdr.EventRecord;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBundleSerializerTest extends SerializerTestBase<EventBundle> {
    private static EventRecord record(String callId, String value, int partition, long offset) {
        return new EventRecord(callId, value.getBytes(StandardCharsets.UTF_8), partition, offset);
    }

    @Override
    protected TypeSerializer<EventBundle> createSerializer() {
        return EventBundleSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<EventBundle> getTypeClass() {
        return EventBundle.class;
    }

    @Override
    protected EventBundle[] getTestData() {
        EventRecord[] many = new EventRecord[300];
        for (int i = 0; i < many.length; i++) {
            many[i] = record("c-9", "{\"seq\":" + i + "}", i % 4, 1_000_000_000_000L + i);
        }
        return new EventBundle[] {
            new EventBundle("c-1", new EventRecord[0]),
            new EventBundle("c-2", new EventRecord[] {record("c-2", "", 0, 0)}),
            new EventBundle("1748779200.42", new EventRecord[] {record("1748779200.42", "{\"v\":1}", 3, 17),
                record("1748779200.42", "not json ☎", Integer.MAX_VALUE, Long.MAX_VALUE)}),
            new EventBundle("c-9", many)};
    }

    /** Records hold byte arrays, which a record's own equals compares by reference. */
    EventBundleSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> a instanceof EventBundle && b instanceof EventBundle,
                (a, b, checker) -> same((EventBundle) a, (EventBundle) b)));
    }

    private static boolean same(EventBundle a, EventBundle b) {
        if (!a.callId().equals(b.callId()) || a.records().length != b.records().length) {
            return false;
        }
        for (int i = 0; i < a.records().length; i++) {
            EventRecord x = a.records()[i];
            EventRecord y = b.records()[i];
            if (!x.callId().equals(y.callId()) || !Arrays.equals(x.value(), y.value())
                    || x.partition() != y.partition() || x.offset() != y.offset()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aRecordOfAnotherCallInABundleIsRefusedRatherThanRelabelled() {
        EventBundle mixed = new EventBundle("c-1", new EventRecord[] {record("c-2", "{}", 1, 5)});

        assertThatThrownBy(() -> EventBundleSerializer.INSTANCE.serialize(mixed, new DataOutputSerializer(64)))
                .hasMessageContaining("of call c-2 in the bundle of call c-1");
    }
}
