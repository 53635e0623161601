package io.tollgate.jobs.serial;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Non-null strings as UTF-8 bytes behind their length. Flink's own string serializer writes a character at a time,
 * which, for the call ids that key the CDR job's state, was half of every checkpoint's writing.
 */
public final class Utf8StringSerializer extends WholeValueSerializer<String> {
    private static final long serialVersionUID = 1L;
    public static final Utf8StringSerializer INSTANCE = new Utf8StringSerializer();
    /** Call ids as the key of keyed state. */
    public static final SerializedBy<String> KEY = SerializedBy.key(String.class, INSTANCE);

    private Utf8StringSerializer() {
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public void serialize(String value, DataOutputView out) throws IOException {
        Bytes.writeString(value, out);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return Bytes.readString(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        Bytes.writeBytes(Bytes.readBytes(in), out);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
