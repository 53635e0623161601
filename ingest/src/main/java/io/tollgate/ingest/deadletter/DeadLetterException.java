package io.tollgate.ingest.deadletter;

/** A refused input could not be stored; the import that refused it must not report success. */
public final class DeadLetterException extends Exception {
    public DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }
}
