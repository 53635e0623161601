package io.tollgate.jobs.serial;

import io.tollgate.jobs.cdr.CdrAssemblyAndRating.ClosedCall;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** A closed call's marker as two longs: every checkpoint writes one per call closed within the retention. */
public final class ClosedCallSerializer extends WholeValueSerializer<ClosedCall> {
    private static final long serialVersionUID = 1L;
    public static final ClosedCallSerializer INSTANCE = new ClosedCallSerializer();

    private ClosedCallSerializer() {
    }

    @Override
    public ClosedCall createInstance() {
        return new ClosedCall(0, 0);
    }

    @Override
    public int getLength() {
        return 2 * Long.BYTES;
    }

    @Override
    public void serialize(ClosedCall call, DataOutputView out) throws IOException {
        out.writeLong(call.closedAtMs());
        out.writeLong(call.seen());
    }

    @Override
    public ClosedCall deserialize(DataInputView in) throws IOException {
        return new ClosedCall(in.readLong(), in.readLong());
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, getLength());
    }

    @Override
    public TypeSerializerSnapshot<ClosedCall> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClosedCall> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
