package io.tollgate.core.rating;

import io.tollgate.core.csv.Fields;

/**
 * Billing increments {@code initial/subsequent} in seconds: the first {@code initial} seconds are charged whole,
 * then each started block of {@code subsequent} seconds.
 */
public record Increments(int initial, int subsequent) {
    public static final Increments PER_MINUTE = new Increments(60, 60);
    public static final Increments PER_SECOND = new Increments(1, 1);

    public Increments {
        if (initial < 1 || subsequent < 1) {
            throw new IllegalArgumentException("increments must be at least 1/1, got " + initial + "/" + subsequent);
        }
    }

    /**
     * Parses {@code a/b}; the common ones come back as shared instances, so a deck of a million rows keeps a handful.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Increments parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not initial/subsequent seconds (like 60/60, 30/6)");
        }
        int a = seconds(text, s.substring(0, slash));
        int b = seconds(text, s.substring(slash + 1));
        if (a == 60 && b == 60) {
            return PER_MINUTE;
        }
        if (a == 1 && b == 1) {
            return PER_SECOND;
        }
        return new Increments(a, b);
    }

    /** Seconds charged for {@code d} whole seconds (d ≥ 1; already raised to the minimum duration). */
    public long billedSeconds(long d) {
        if (d <= initial) {
            return initial;
        }
        long blocks = (d - initial + subsequent - 1) / subsequent;
        return initial + blocks * subsequent;
    }

    @Override
    public String toString() {
        return initial + "/" + subsequent;
    }

    private static int seconds(String whole, String part) {
        String p = part.strip();
        if (!Fields.isDigits(p) || p.length() > 6) {
            throw new IllegalArgumentException("'" + whole + "' is not initial/subsequent seconds (like 60/60, 30/6)");
        }
        int v = Integer.parseInt(p);
        if (v < 1) {
            throw new IllegalArgumentException("'" + whole + "': increments must be at least 1 second");
        }
        return v;
    }
}
