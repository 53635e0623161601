package io.tollgate.core.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The destination of a number for quality statistics: its ITU-T E.164 country calling code.
 *
 * <p>Quality is counted per country rather than per deck prefix: decks of different vendors cut a country into
 * different prefixes, and a vendor × prefix cell would hold too few calls for its ratios to mean anything.
 */
public final class CountryCodes {
    private static final String LIST = "country-codes.txt";
    private static final int LONGEST = 3;
    private static final Set<String> ASSIGNED = read();

    private CountryCodes() {
    }

    /**
     * The country calling code {@code number} starts with; for a code not assigned (or a list older than the
     * number), its first three digits, so that such traffic still gets one cell of its own. Reads the leading
     * digits only; a number without any has the empty destination.
     *
     * @param number E.164 digits, without '+'
     */
    public static String of(String number) {
        if (number == null) {
            return "";
        }
        int most = Math.min(LONGEST, number.length());
        int digits = 0;
        while (digits < most && isDigit(number.charAt(digits))) {
            digits++;
        }
        // the assignment is prefix-free, so the first code that matches is the only one
        for (int length = 1; length <= digits; length++) {
            String code = number.substring(0, length);
            if (ASSIGNED.contains(code)) {
                return code;
            }
        }
        return digits == 0 ? "" : number.substring(0, digits);
    }

    /** The assigned codes, as listed. */
    static Set<String> assigned() {
        return ASSIGNED;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Set<String> read() {
        Set<String> codes = new HashSet<>();
        try (InputStream in = CountryCodes.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing beside " + CountryCodes.class.getName());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    codes.add(text.split("\\s+", 2)[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
        return Set.copyOf(codes);
    }
}
