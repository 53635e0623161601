package io.tollgate.core.billing;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How final invoices are numbered, e.g. {@code INV-{yyyy}-{seq:05}}: {@code {yyyy}}, {@code {yy}} and {@code {mm}}
 * are the issue date's, {@code {seq}} (or {@code {seq:0N}}, zero-padded to N digits) the next number of the series.
 * A series is the pattern with its date filled in, so {@code INV-{yyyy}-...} starts again at 1 each year; numbers
 * within a series are gapless and never reused.
 */
public record InvoiceNumberFormat(String pattern) {
    private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");
    private static final Pattern SEQ = Pattern.compile("seq(?::0(\\d))?");

    public InvoiceNumberFormat {
        int sequences = 0;
        Matcher m = TOKEN.matcher(pattern);
        while (m.find()) {
            String token = m.group(1);
            if (SEQ.matcher(token).matches()) {
                sequences++;
            } else if (!token.equals("yyyy") && !token.equals("yy") && !token.equals("mm")) {
                throw new IllegalArgumentException("'{" + token + "}' is not a numbering token; use {yyyy}, {yy}, {mm}"
                        + " and one {seq} or {seq:0N}");
            }
        }
        if (sequences != 1) {
            throw new IllegalArgumentException("a numbering pattern holds exactly one {seq} (or {seq:05}), got '"
                    + pattern + "'");
        }
    }

    /** The series a number issued on {@code issued} belongs to: the pattern with its date tokens filled in. */
    public String series(LocalDate issued) {
        return fill(issued, -1);
    }

    public String format(LocalDate issued, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + sequence);
        }
        return fill(issued, sequence);
    }

    private String fill(LocalDate date, long sequence) {
        Matcher m = TOKEN.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String value = switch (token) {
                case "yyyy" -> String.format("%04d", date.getYear());
                case "yy" -> String.format("%02d", date.getYear() % 100);
                case "mm" -> String.format("%02d", date.getMonthValue());
                default -> sequence < 0 ? "{seq}" : padded(token, sequence);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String padded(String token, long sequence) {
        Matcher seq = SEQ.matcher(token);
        seq.matches();
        return seq.group(1) == null ? Long.toString(sequence) : String.format("%0" + seq.group(1) + "d", sequence);
    }
}
