package io.tollgate.app.console;

/** Input a handler refuses: answered 400 with {@code {"error": message, "field": field}}. */
public final class BadRequest extends RuntimeException {
    private final String field;

    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
