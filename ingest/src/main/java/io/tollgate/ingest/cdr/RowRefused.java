package io.tollgate.ingest.cdr;

/**
 * A CDR row that cannot be imported, with the field at fault; the row goes to the dead-letter and the rest of
 * the file is imported. Thrown once per bad row, so it carries no stack trace.
 */
public final class RowRefused extends Exception {
    private final String field;

    public RowRefused(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason as stored with the dead letter: {@code field 'dst': ...}. */
    public String reason() {
        return field.isEmpty() ? getMessage() : "field '" + field + "': " + getMessage();
    }
}
