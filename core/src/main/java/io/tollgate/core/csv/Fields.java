package io.tollgate.core.csv;

import java.math.BigDecimal;

/**
 * Numbers as they appear in CSV and on the command line: ASCII digits only. The JDK's parsers also accept other
 * scripts' digits (Arabic-Indic, Devanagari...), which no carrier file means and no other system would read back.
 */
public final class Fields {
    private Fields() {
    }

    /** A decimal such as {@code 0.0125}, {@code 12}, {@code -3.5} or {@code 1e-3}. */
    public static BigDecimal decimal(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c < 128)) {
            throw new NumberFormatException("'" + text + "' is not a number");
        }
        return new BigDecimal(text);
    }

    /** A whole number of at most 9 ASCII digits, no sign. */
    public static int wholeNumber(String text) {
        if (text.isEmpty() || text.length() > 9 || !isDigits(text)) {
            throw new NumberFormatException("'" + text + "' is not a whole number");
        }
        return Integer.parseInt(text);
    }

    /** True when {@code text} is non-empty and only ASCII digits. */
    public static boolean isDigits(CharSequence text) {
        if (text.length() == 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
