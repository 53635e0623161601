package io.tollgate.core.json;

/**
 * A value could not be encoded or decoded. The message names the type and the cause, in words a dead-letter record
 * can carry as its reason.
 */
public class CodecException extends RuntimeException {

    private final String typeName;

    public CodecException(String typeName, String message, Throwable cause) {
        super(message, cause);
        this.typeName = typeName;
    }

    public CodecException(String typeName, String message) {
        this(typeName, message, null);
    }

    /** The simple name of the type being encoded or decoded, such as {@code CallEvent}. */
    public String typeName() {
        return typeName;
    }
}
