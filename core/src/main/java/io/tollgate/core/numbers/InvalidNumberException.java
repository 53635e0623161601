package io.tollgate.core.numbers;

/** A dialled string that cannot be read as an E.164 number; the message says why. */
public final class InvalidNumberException extends IllegalArgumentException {
    public InvalidNumberException(String message) {
        super(message);
    }
}
