package io.tollgate.ingest.cdr;

/** Told how far a pass over a CDR file has got; called every few thousand rows, from the importing thread. */
public interface ImportProgress {
    ImportProgress NONE = (pass, bytes, total, rows) -> { };

    /**
     * @param pass  {@code checking} or {@code importing}
     * @param bytes bytes of the file read so far
     * @param total the file's size
     * @param rows  data rows read so far
     */
    void at(String pass, long bytes, long total, long rows);
}
