package io.tollgate.sim;

/**
 * A minimal JSON writer that keeps fields in the order they are written. Asterisk's events have a field order of
 * their own (ChannelVarset starts with {@code variable}, ChannelDestroyed puts {@code cause} after the timestamp),
 * and rendering tens of thousands of events a second is cheaper with a StringBuilder than with a tree.
 */
final class Json {
    private final StringBuilder out;
    private boolean first = true;

    Json(StringBuilder out) {
        this.out = out;
    }

    static Json object(StringBuilder out) {
        out.append('{');
        return new Json(out);
    }

    Json field(String name, String value) {
        key(name);
        string(out, value);
        return this;
    }

    Json field(String name, int value) {
        key(name);
        out.append(value);
        return this;
    }

    Json field(String name, boolean value) {
        key(name);
        out.append(value);
        return this;
    }

    /** Starts a nested value: the caller writes it into {@link #out()} right after. */
    StringBuilder key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(out, name);
        out.append(':');
        return out;
    }

    Json strings(String name, Iterable<String> values) {
        key(name);
        out.append('[');
        boolean firstValue = true;
        for (String value : values) {
            if (!firstValue) {
                out.append(',');
            }
            firstValue = false;
            string(out, value);
        }
        out.append(']');
        return this;
    }

    StringBuilder out() {
        return out;
    }

    void end() {
        out.append('}');
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code {"message":"..."}}: the body of every ARI error. */
    static String message(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 16);
        object(sb).field("message", message).end();
        return sb.toString();
    }
}
