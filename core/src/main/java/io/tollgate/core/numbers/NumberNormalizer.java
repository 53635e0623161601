package io.tollgate.core.numbers;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a switch or a CDR file says was dialled into E.164 digits (no '+').
 *
 * <p>Accepts {@code +}, the international access code {@code 00}, visual separators (spaces, dashes, dots,
 * parentheses; a national trunk {@code (0)} after the country code is dropped) and the carrier's technical prefixes (routing codes a switch puts in front of the number, such as
 * {@code 1010#}). National formats (a leading single 0) are refused: without the caller's country they are ambiguous,
 * and a wrong guess bills the wrong destination.
 */
public final class NumberNormalizer {
    public static final int MAX_DIGITS = 15;

    /** "(0)" right after an international prefix and a country code of 1 to 3 digits. */
    private static final Pattern TRUNK_ZERO = Pattern.compile("^((?:\\+|00)[ \\-.]*\\d{1,3}[ \\-.]*)\\(0\\)");

    private static final NumberNormalizer PLAIN = new NumberNormalizer(List.of());

    private final List<String> techPrefixes;

    /** @param techPrefixes stripped from the front of a dialled string before anything else; longest tried first */
    public NumberNormalizer(List<String> techPrefixes) {
        this.techPrefixes = techPrefixes.stream()
                .filter(p -> !p.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** A normaliser without technical prefixes. */
    public static NumberNormalizer plain() {
        return PLAIN;
    }

    /** @throws InvalidNumberException naming what is wrong with {@code dialled} */
    public String normalize(String dialled) {
        if (dialled == null || dialled.isBlank()) {
            throw new InvalidNumberException("empty number");
        }
        // "+44 (0)20 ..." is how the UK writes a number: the (0) is the national trunk prefix, never dialled
        // internationally; treating its parentheses as separators would bill 4402... instead of 4420...
        String s = TRUNK_ZERO.matcher(stripTechPrefix(dialled.strip())).replaceFirst("$1");
        StringBuilder digits = new StringBuilder(s.length());
        boolean plus = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0 && !plus) {
                plus = true;
            } else if (!isSeparator(c)) {
                throw new InvalidNumberException("'" + dialled + "' is not a number: unexpected '" + c + "'");
            }
        }
        if (!plus && digits.length() > 2 && digits.charAt(0) == '0' && digits.charAt(1) == '0') {
            digits.delete(0, 2);
        }
        return check(dialled, digits);
    }

    /** True when {@code dialled} normalises; for filters that must not throw. */
    public boolean isValid(String dialled) {
        try {
            normalize(dialled);
            return true;
        } catch (InvalidNumberException e) {
            return false;
        }
    }

    private String stripTechPrefix(String s) {
        for (String prefix : techPrefixes) {
            if (s.startsWith(prefix)) {
                return s.substring(prefix.length());
            }
        }
        return s;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
    }

    private static String check(String dialled, CharSequence digits) {
        if (digits.length() == 0) {
            throw new InvalidNumberException("'" + dialled + "' has no digits");
        }
        if (digits.charAt(0) == '0') {
            throw new InvalidNumberException("'" + dialled
                    + "' is in national format (leading 0); give it in international format (+CC... or 00CC...)");
        }
        if (digits.length() > MAX_DIGITS) {
            throw new InvalidNumberException("'" + dialled + "' has " + digits.length()
                    + " digits; E.164 allows at most " + MAX_DIGITS);
        }
        return digits.toString();
    }
}
