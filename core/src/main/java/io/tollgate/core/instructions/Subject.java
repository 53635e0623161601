package io.tollgate.core.instructions;

import java.util.regex.Pattern;

/**
 * Builds compacted-topic keys such as {@code block:customer:acme:destination:447}.
 *
 * <p>Ids may not contain the separator: two different targets sharing a key would overwrite each other on the
 * compacted topic, silently lifting a block.
 */
final class Subject {

    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,15}");

    private final StringBuilder key;

    private Subject(String kind) {
        key = new StringBuilder(kind);
    }

    static Subject of(String kind) {
        return new Subject(kind);
    }

    /** Appends {@code :name:value}, or nothing when the value is absent. */
    Subject and(String name, String value) {
        if (value != null) {
            key.append(':').append(name).append(':').append(value);
        }
        return this;
    }

    String key() {
        return key.toString();
    }

    /** Checks an optional id; returns it for use in a compact constructor. */
    static String checkId(String field, String id) {
        if (id != null && (id.isBlank() || id.indexOf(':') >= 0)) {
            throw new IllegalArgumentException(field + " must be non-blank and free of ':', got '" + id + "'");
        }
        return id;
    }

    static String checkPrefix(String prefix) {
        if (prefix != null && !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "prefix must be 1 to 15 digits of an E.164 number, without '+', got '" + prefix + "'");
        }
        return prefix;
    }
}
