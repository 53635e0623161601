package io.tollgate.core.rating;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.csv.Fields;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports the canonical rate deck CSV of ARCHITECTURE.md:
 * {@code prefix,destination,rate,effective_from,connect_fee,increments,min_duration,effective_to}, header required,
 * column order free, {@code prefix} and {@code rate} required.
 *
 * <p>Every bad row is reported with its line and field. By default one bad row refuses the whole deck; with
 * {@link BadRows#QUARANTINE} the good rows are kept and the bad ones set aside, each with its reasons. Never a deck
 * half-applied without saying so.
 */
public final class RateDeckCsv {
    public static final List<String> COLUMNS = List.of("prefix", "destination", "rate", "effective_from",
            "connect_fee", "increments", "min_duration", "effective_to");
    public static final List<String> REQUIRED = List.of("prefix", "rate");
    private static final int MAX_PREFIX_DIGITS = 15;

    /** What to do with a bad row. */
    public enum BadRows { REFUSE, QUARANTINE }

    private final Map<Object, Object> shared = new HashMap<>();

    private RateDeckCsv() {
    }

    public static DeckImport read(Path file, Rounding rounding, BadRows badRows) throws BadInputException {
        try (CsvInput in = CsvInput.open(file, REQUIRED, COLUMNS)) {
            return read(in, rounding, badRows);
        }
    }

    public static DeckImport read(CsvInput in, Rounding rounding, BadRows badRows) throws BadInputException {
        return new RateDeckCsv().readAll(in, rounding, badRows);
    }

    private DeckImport readAll(CsvInput in, Rounding rounding, BadRows badRows) throws BadInputException {
        List<Parsed> parsed = new ArrayList<>();
        for (CsvRecord record = in.next(); record != null; record = in.next()) {
            parsed.add(parse(record));
        }
        flagDuplicates(parsed);
        List<RateRow> accepted = new ArrayList<>(parsed.size());
        List<QuarantinedRow> quarantined = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.problems.isEmpty()) {
                accepted.add(p.row);
            } else {
                problems.addAll(p.problems);
                quarantined.add(new QuarantinedRow(p.record.line(), List.of(p.record.values()), p.problems));
            }
        }
        if (!problems.isEmpty() && badRows == BadRows.REFUSE) {
            throw new BadInputException(problems);
        }
        return new DeckImport(RateDeck.of(accepted, rounding), in.header(), quarantined);
    }

    /** A row as read: the rate row if every field is good, else the problems. */
    private static final class Parsed {
        final CsvRecord record;
        final List<InputProblem> problems = new ArrayList<>(1);
        RateRow row;

        Parsed(CsvRecord record) {
            this.record = record;
        }

        void problem(String field, String message) {
            problems.add(record.problem(field, message));
        }
    }

    private Parsed parse(CsvRecord r) {
        Parsed p = new Parsed(r);
        p.problems.addAll(r.shapeProblems());
        String prefix = prefix(p, r.get("prefix"));
        BigDecimal rate = amount(p, "rate", r.get("rate"), null);
        BigDecimal connectFee = amount(p, "connect_fee", r.get("connect_fee"), BigDecimal.ZERO);
        Increments increments = increments(p, r.get("increments"));
        if (increments != null) {
            increments = share(increments); // Increments.parse shares only 60/60 and 1/1; 30/6 rows are common too
        }
        int minDuration = minDuration(p, r.get("min_duration"));
        Instant from = time(p, "effective_from", r.get("effective_from"));
        Instant to = time(p, "effective_to", r.get("effective_to"));
        if (from != null && to != null && !to.isAfter(from)) {
            p.problem("effective_to", "effective_to " + to + " is not after effective_from " + from);
        }
        if (p.problems.isEmpty()) {
            p.row = new RateRow(prefix, share(r.get("destination")), rate, connectFee, increments, minDuration, from, to);
        }
        return p;
    }

    private static String prefix(Parsed p, String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty()) {
            p.problem("prefix", "is required");
        } else if (!Fields.isDigits(digits)) {
            p.problem("prefix", "'" + text + "' is not a digit prefix");
        } else if (digits.charAt(0) == '0') {
            p.problem("prefix", "'" + text + "' starts with 0; prefixes are international (country code first)");
        } else if (digits.length() > MAX_PREFIX_DIGITS) {
            p.problem("prefix", "'" + text + "' is longer than " + MAX_PREFIX_DIGITS + " digits");
        } else {
            // Interned, not put in this import's share map: the 20-odd decks of a process quote largely the same
            // prefixes, and per deck the prefix strings alone were ~5 MB (~100 MB over 20 decks of 100k rows).
            // The JVM's string table holds its strings weakly, so a prefix is collected once no deck (nor anything
            // else) uses it: interning does not pin old decks' prefixes in memory.
            return digits.intern();
        }
        return null;
    }

    private BigDecimal amount(Parsed p, String field, String text, BigDecimal absent) {
        if (text.isEmpty()) {
            if (absent == null) {
                p.problem(field, "is required");
            }
            return absent;
        }
        BigDecimal value;
        try {
            value = Fields.decimal(text);
        } catch (NumberFormatException e) {
            p.problem(field, "'" + text + "' is not a number");
            return null;
        }
        if (value.signum() < 0) {
            p.problem(field, "'" + text + "' is negative");
            return null;
        }
        return share(value);
    }

    private static Increments increments(Parsed p, String text) {
        if (text.isEmpty()) {
            return Increments.PER_MINUTE;
        }
        try {
            return Increments.parse(text);
        } catch (IllegalArgumentException e) {
            p.problem("increments", e.getMessage());
            return null;
        }
    }

    private static int minDuration(Parsed p, String text) {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Fields.wholeNumber(text);
        } catch (NumberFormatException e) {
            p.problem("min_duration", "'" + text + "' is not a whole number of seconds >= 0");
            return 0;
        }
    }

    private Instant time(Parsed p, String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return share(EffectiveTime.parse(text));
        } catch (IllegalArgumentException e) {
            p.problem(field, e.getMessage());
            return null;
        }
    }

    /**
     * Two rows with the same prefix and effective_from contradict each other: both are refused (which one the
     * vendor meant is not ours to guess), each naming the other's line.
     */
    private static void flagDuplicates(List<Parsed> parsed) {
        Map<List<Object>, List<Parsed>> byKey = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            if (p.row != null) {
                byKey.computeIfAbsent(List.of(p.row.prefix(), Objects.requireNonNullElse(p.row.effectiveFrom(), "")),
                        k -> new ArrayList<>(1)).add(p);
            }
        }
        for (List<Parsed> same : byKey.values()) {
            if (same.size() > 1) {
                for (Parsed p : same) {
                    List<Long> others = same.stream().filter(o -> o != p).map(o -> o.record.line()).toList();
                    p.problem("prefix", "prefix " + p.row.prefix() + " with the same effective_from is also on line"
                            + (others.size() > 1 ? "s " : " ") + others.stream().map(String::valueOf)
                            .reduce((a, b) -> a + ", " + b).orElse(""));
                    p.row = null;
                }
            }
        }
    }

    /**
     * Returns one shared instance per distinct value. Decks repeat destinations, rates and dates across
     * thousands of rows; sharing them is what keeps 20 decks of 100k rows in a few hundred MB.
     */
    @SuppressWarnings("unchecked")
    private <T> T share(T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }
}
