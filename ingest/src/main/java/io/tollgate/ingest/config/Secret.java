package io.tollgate.ingest.config;

import java.util.Objects;

/**
 * A password or token. It comes from an environment variable or a file named in the configuration, never from the
 * configuration itself, and it prints as a mask: a configuration can be logged, shown by {@code tollgate config check}
 * or put in an exception message without leaking it. Only {@link #reveal()} gives the value, for the client that
 * needs it.
 */
public final class Secret {
    private static final Secret UNSET = new Secret("", "");

    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** @param origin where it came from, for people: {@code $TOLLGATE_ARI_PASSWORD} or {@code file /run/secrets/ari} */
    public static Secret of(String value, String origin) {
        return new Secret(Objects.requireNonNull(value), Objects.requireNonNull(origin));
    }

    public static Secret unset() {
        return UNSET;
    }

    public boolean isSet() {
        return this != UNSET;
    }

    /** The value; empty when unset (ClickHouse's default user has no password). */
    public String reveal() {
        return value;
    }

    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return isSet() ? "****** (from " + origin + ")" : "(not set)";
    }
}
