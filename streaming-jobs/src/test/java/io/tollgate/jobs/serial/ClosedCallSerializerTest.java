package io.tollgate.jobs.serial;

import io.tollgate.jobs.cdr.CdrAssemblyAndRating.ClosedCall;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

class ClosedCallSerializerTest extends SerializerTestBase<ClosedCall> {
    @Override
    protected TypeSerializer<ClosedCall> createSerializer() {
        return ClosedCallSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return 16;
    }

    @Override
    protected Class<ClosedCall> getTypeClass() {
        return ClosedCall.class;
    }

    @Override
    protected ClosedCall[] getTestData() {
        return new ClosedCall[] {new ClosedCall(0, 0), new ClosedCall(1_764_200_000_000L, 0b1111111),
            new ClosedCall(Long.MAX_VALUE, -1L), new ClosedCall(-1, Long.MIN_VALUE)};
    }
}
