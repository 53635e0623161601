package io.tollgate.jobs.serial;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.Objects;

/** The type information of a type whose serializer is ours, as Flink asks for it at a stream or a key. */
public final class SerializedBy<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;
    private final boolean key;

    private SerializedBy(Class<T> type, TypeSerializer<T> serializer, boolean key) {
        this.type = type;
        this.serializer = serializer;
        this.key = key;
    }

    /** A stream's element type. */
    public static <T> SerializedBy<T> value(Class<T> type, TypeSerializer<T> serializer) {
        return new SerializedBy<>(type, serializer, false);
    }

    /** A key type: its values' own {@code hashCode} and {@code equals} place and find their state. */
    public static <T> SerializedBy<T> key(Class<T> type, TypeSerializer<T> serializer) {
        return new SerializedBy<>(type, serializer, true);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return key;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " by " + serializer.getClass().getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializedBy<?> other && other.canEqual(this) && type.equals(other.type)
                && serializer.equals(other.serializer) && key == other.key;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, serializer, key);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SerializedBy;
    }
}
