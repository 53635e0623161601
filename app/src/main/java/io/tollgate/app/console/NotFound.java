package io.tollgate.app.console;

/** A subject that does not exist (an unknown alert id...): answered 404 with {@code {"error": message}}. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message, null, false, false);
    }
}
