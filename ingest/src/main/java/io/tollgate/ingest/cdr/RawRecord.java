package io.tollgate.ingest.cdr;

import java.util.List;

/**
 * One CSV record as read: the line it starts on, its text exactly as in the file (for the dead-letter), and its
 * fields unquoted.
 */
public record RawRecord(long line, String raw, List<String> fields) {

    /** The field at {@code index}, or empty when the record is shorter. */
    public String field(int index) {
        return index < fields.size() ? fields.get(index) : "";
    }
}
