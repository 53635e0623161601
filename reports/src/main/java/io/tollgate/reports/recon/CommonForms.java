package io.tollgate.reports.recon;

import io.tollgate.core.numbers.NumberNormalizer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The forms nearly every CDR file writes its times and numbers in, read without the general parsers: a million rows
 * a side spend most of their reading time in {@link OffsetDateTime#parse} and the number normaliser's regular
 * expression. Each method gives exactly what the general parser would, or null for any text not in the common form
 * (unusual, or wrong); the caller then asks the general parser, which also words the problem.
 */
final class CommonForms {
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private CommonForms() {
    }

    /**
     * {@code OffsetDateTime.parse(text).toInstant()} for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} followed by {@code Z}
     * or {@code ±HH:MM}, every field in range; null for anything else (other forms ISO-8601 allows, or mistakes).
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || i < n && isDigit(text.charAt(i))) {
                return null;
            }
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, i + 3);
            int minutes = digits(text, i + 4, i + 6);
            if (hours < 0 || minutes < 0 || minutes > 59) {
                return null;
            }
            offset = hours * 3600 + minutes * 60;
            if (offset > MAX_OFFSET_SECONDS) {
                return null;
            }
            offset = text.charAt(i) == '-' ? -offset : offset;
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    /**
     * {@code NumberNormalizer.plain().normalize(text)} for text of digits, a leading {@code +} and the separators
     * space, dash and dot; null for anything else (parentheses, letters) and for what the normaliser refuses.
     */
    static String e164(String text) {
        int n = text.length();
        if (n == 0 || n > 40) {
            return null;
        }
        char[] digits = new char[n];
        int count = 0;
        boolean plus = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                digits[count++] = c;
            } else if (c == '+' && count == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.') {
                return null;
            }
        }
        int from = !plus && count > 2 && digits[0] == '0' && digits[1] == '0' ? 2 : 0;
        int length = count - from;
        if (length == 0 || digits[from] == '0' || length > NumberNormalizer.MAX_DIGITS) {
            return null;
        }
        return length == n ? text : new String(digits, from, length);
    }

    /** The ASCII digits of {@code text[from, to)} as a number; -1 when any is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
