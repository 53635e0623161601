package io.tollgate.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.quality.VendorQuality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and writes one message type as UTF-8 JSON, the value format of every Tollgate topic.
 *
 * <p>Every value carries its schema version as {@code "v"}, written first. A reader refuses a value without it or
 * with a version it does not know, instead of guessing at fields whose meaning may have changed; within a version,
 * fields it does not know are ignored. Instances are immutable and thread-safe.
 */
public final class JsonCodec<T> {

    private static final ObjectMapper MAPPER = WireFormat.newMapper();
    private static final String VERSION_FIELD = "v";
    private static final Pattern CONFIG_ADVICE = Pattern.compile(" \\((set|enable|disable) [A-Za-z.]*Feature[^)]*\\)");

    public static final JsonCodec<CallEvent> CALL_EVENT = new JsonCodec<>(CallEvent.class, 1, CallEventReader::read);
    public static final JsonCodec<Cdr> CDR = new JsonCodec<>(Cdr.class, 1, json -> null, CdrJson::cdr);
    public static final JsonCodec<RatedCdr> RATED_CDR = new JsonCodec<>(RatedCdr.class, 1, json -> null,
            CdrJson::rated);
    public static final JsonCodec<FraudAlert> FRAUD_ALERT = new JsonCodec<>(FraudAlert.class, 1);
    public static final JsonCodec<Instruction> INSTRUCTION = new JsonCodec<>(Instruction.class, 1);
    public static final JsonCodec<VendorQuality> VENDOR_QUALITY = new JsonCodec<>(VendorQuality.class, 1);
    public static final JsonCodec<FraudRuleSet> FRAUD_RULE_SET = new JsonCodec<>(FraudRuleSet.class, 1);

    private final String typeName;
    private final int version;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final Function<byte[], T> fastPath;
    /** Writes a whole value, version first, as data binding would; null to use data binding. */
    private final Function<T, byte[]> fastWriter;
    /** {@code {"v":N}, the start of every encoded value. */
    private final byte[] versionPrefix;

    private JsonCodec(Class<T> type, int version) {
        this(type, version, json -> null);
    }

    private JsonCodec(Class<T> type, int version, Function<byte[], T> fastPath) {
        this(type, version, fastPath, null);
    }

    /**
     * @param fastPath reads what it can of the common case, returning null to leave a value to data binding
     * @param fastWriter writes a value as data binding would, faster; null for data binding
     */
    private JsonCodec(Class<T> type, int version, Function<byte[], T> fastPath, Function<T, byte[]> fastWriter) {
        this.fastPath = fastPath;
        this.fastWriter = fastWriter;
        this.typeName = type.getSimpleName();
        this.version = version;
        // Bound to the declared type, so that an Instruction is written with its kind whatever record it is.
        this.writer = MAPPER.writerFor(type);
        this.reader = MAPPER.readerFor(type);
        this.versionPrefix = ("{\"" + VERSION_FIELD + "\":" + version).getBytes(StandardCharsets.UTF_8);
    }

    /** The generator and parser settings of every codec. */
    static JsonFactory factory() {
        return MAPPER.getFactory();
    }

    /** The simple name of the type, as used in error messages. */
    public String typeName() {
        return typeName;
    }

    /** The schema version this codec writes and the only one it reads. */
    public int version() {
        return version;
    }

    public byte[] encode(T value) {
        Objects.requireNonNull(value, () -> "cannot encode a null " + typeName);
        if (fastWriter != null) {
            return fastWriter.apply(value);
        }
        byte[] fields;
        try {
            fields = writer.writeValueAsBytes(value);
        } catch (IOException | RuntimeException e) {
            throw new CodecException(typeName, "cannot encode " + typeName + ": " + reason(e), e);
        }
        // the version goes first: splicing it into the object as written costs a copy, not a second serialization
        boolean empty = fields.length == 2;
        byte[] json = new byte[versionPrefix.length + fields.length - (empty ? 1 : 0)];
        System.arraycopy(versionPrefix, 0, json, 0, versionPrefix.length);
        int at = versionPrefix.length;
        if (!empty) {
            json[at++] = ',';
        }
        System.arraycopy(fields, 1, json, at, fields.length - 1);
        return json;
    }

    /** Decodes one value, or throws a {@link CodecException} whose message says why it was refused. */
    public T decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new CodecException(typeName, "cannot decode " + typeName + ": the value is empty");
        }
        T fast = fastPath.apply(json);
        if (fast != null) {
            return fast;
        }
        int found = versionOf(json);
        if (found != version) {
            String relation = found > version ? "newer than" : "not one of";
            throw new CodecException(typeName, typeName + " schema version " + found + " is " + relation
                    + " the versions this build reads (" + version + ")");
        }
        try {
            return reader.readValue(json);
        } catch (IOException | RuntimeException e) {
            throw new CodecException(typeName, "cannot decode " + typeName + " v" + found + ": " + reason(e), e);
        }
    }

    /** Finds {@code "v"} among the top-level fields without binding anything, stopping as soon as it is found. */
    private int versionOf(byte[] json) {
        try (JsonParser in = MAPPER.createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new CodecException(typeName, "cannot decode " + typeName + ": the value is not a JSON object");
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (VERSION_FIELD.equals(name)) {
                    if (value != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
                        throw new CodecException(typeName, "cannot decode " + typeName
                                + ": schema version \"v\" must be an integer, got " + in.getText());
                    }
                    return in.getIntValue();
                }
                in.skipChildren();
            }
            throw new CodecException(typeName,
                    "cannot decode " + typeName + ": the schema version field \"v\" is missing");
        } catch (IOException e) {
            throw new CodecException(typeName, "cannot decode " + typeName + ": " + reason(e), e);
        }
    }

    /** The cause in one line: the domain's own complaint where a record refused a value, and the field's path. */
    private static String reason(Exception e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage() + at((JsonMappingException) e);
        }
        if (e instanceof JsonMappingException mapping) {
            return withoutConfigAdvice(mapping.getOriginalMessage()) + at(mapping);
        }
        if (e instanceof JsonProcessingException processing) {
            return "malformed JSON: " + processing.getOriginalMessage();
        }
        return e.toString();
    }

    /** Jackson suggests switching a feature off; in a dead-letter record that advice only misleads. */
    private static String withoutConfigAdvice(String message) {
        return CONFIG_ADVICE.matcher(message).replaceAll("");
    }

    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " (at " + path + ")";
    }
}
