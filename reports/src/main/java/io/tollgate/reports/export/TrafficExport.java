package io.tollgate.reports.export;

import io.tollgate.core.quality.AttemptOutcome;
import io.tollgate.core.quality.CountryCodes;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Traffic by vendor and destination: how the route attempts offered to each vendor went, for the calls set up in a
 * period. The unit is the route attempt, as in {@code vendor_quality} ({@link AttemptOutcome}): a call tried on one
 * vendor and carried by the next counts as an unanswered attempt for the first and an answered one for the second.
 *
 * <p>An attempt's destination is the longest prefix of its B-number among the rows of the vendor's deck in force
 * during the period, as imported into {@code rate_deck_rows}, named as that deck names it. A vendor whose deck is
 * not imported there (a deck given as a file in tollgate.yaml), or a number its deck has no row for, falls back to the
 * E.164 country calling code ({@link CountryCodes}). Every attempt of a vendor towards one number thus lands in the
 * same row, whichever vendor carried the call, so the row's ratios compare like with like.
 *
 * <p>Calls whose rating failed are counted too: traffic is about the network, not the money. A call stored before
 * route attempts were recorded (an empty attempt list) counts as one attempt on the vendor that carried it.
 */
public final class TrafficExport {
    public static final List<String> HEADER = List.of("vendor", "destination", "prefix", "attempts", "answered",
            "asr_pct", "ner_pct", "billed_minutes", "acd_min", "pdd_ms");
    private static final List<Boolean> NUMERIC = List.of(false, false, false, true, true, true, true, true, true, true);

    /** The route attempts of the calls in the period, one tuple each: vendor, answered, cause, PDD. */
    private static final String ATTEMPTS = "if(JSONLength(attempt_list) = 0,"
            + " CAST(if(vendor_id = '', [], [(toString(vendor_id), answer_time IS NOT NULL, nullIf(cause, 0),"
            + " nullIf(toUInt64(pdd_ms), 0))]), 'Array(Tuple(String, Bool, Nullable(UInt16), Nullable(UInt64)))'),"
            + " arrayMap(a -> CAST((JSONExtractString(a, 'vendor'), JSONExtractBool(a, 'answered'),"
            + " JSONExtract(a, 'cause', 'Nullable(UInt16)'), JSONExtract(a, 'pddMs', 'Nullable(UInt64)')),"
            + " 'Tuple(String, Bool, Nullable(UInt16), Nullable(UInt64))'), JSONExtractArrayRaw(attempt_list)))";
    /** Vendor deck rows in force at some time of the period (two parameters: its end, its start). */
    private static final String DECK_ROWS = " FROM rate_deck_rows WHERE owner_kind = 'vendor' AND effective_from < ?"
            + " AND (effective_to IS NULL OR effective_to > ?)";
    /** Leading digits kept of a number no deck row matched: any country calling code, which Java then finds. */
    private static final int COUNTRY_DIGITS = 3;

    /**
     * One vendor towards one destination: the counts, exact, and the ratios derived from them.
     *
     * @param prefix the vendor deck's prefix, or the country calling code when {@code byCountry}
     * @param effective attempts answered, or that reached the called user (Q.850 16, 17, 18, 19, 21)
     * @param billedS the vendor's billed seconds of the answered attempts (0 for a call its deck could not price)
     * @param answeredMs answer-to-hangup time of the answered attempts
     * @param pddSamples attempts that reported a post-dial delay
     */
    public record Row(String vendor, String destination, String prefix, boolean byCountry, long attempts,
                      long answered, long effective, long billedS, long answeredMs, long pddSamples, long pddSumMs) {

        public Row {
            Objects.requireNonNull(vendor, "vendor is required");
            Objects.requireNonNull(destination, "destination is required");
            Objects.requireNonNull(prefix, "prefix is required");
        }

        /** Answer-seizure ratio: answered / attempts × 100, two decimals; empty without attempts. */
        public String asrPercent() {
            return ratio(BigDecimal.valueOf(answered * 100), attempts, 2);
        }

        /** Network effectiveness ratio: effective / attempts × 100, two decimals; empty without attempts. */
        public String nerPercent() {
            return ratio(BigDecimal.valueOf(effective * 100), attempts, 2);
        }

        public BigDecimal billedMinutes() {
            return MarginExport.minutes(billedS);
        }

        /** Average call duration in minutes: answered time / answered attempts, two decimals; empty when none. */
        public String acdMinutes() {
            return ratio(BigDecimal.valueOf(answeredMs), answered * 60_000, 2);
        }

        /** Average post-dial delay in whole milliseconds over the attempts that reported one; empty when none. */
        public String pddMs() {
            return ratio(BigDecimal.valueOf(pddSumMs), pddSamples, 0);
        }

        Row plus(Row other) {
            return new Row(vendor, destination, prefix, byCountry, attempts + other.attempts,
                    answered + other.answered, effective + other.effective, billedS + other.billedS,
                    answeredMs + other.answeredMs, pddSamples + other.pddSamples, pddSumMs + other.pddSumMs);
        }

        private static String ratio(BigDecimal numerator, long denominator, int decimals) {
            return denominator == 0 ? ""
                    : numerator.divide(BigDecimal.valueOf(denominator), decimals, RoundingMode.HALF_UP).toPlainString();
        }
    }

    /** The rows as an export, in their order. */
    public static ExportTable table(List<Row> rows) {
        List<String[]> cells = rows.stream().map(r -> new String[] {r.vendor(), r.destination(), r.prefix(),
            Long.toString(r.attempts()), Long.toString(r.answered()), r.asrPercent(), r.nerPercent(),
            r.billedMinutes().toPlainString(), r.acdMinutes(), r.pddMs()}).toList();
        return new ExportTable("traffic by vendor and destination", HEADER, NUMERIC, cells);
    }

    /** How a destination that no deck row names reads: its country calling code. */
    static String countryName(String code) {
        return code.isEmpty() ? "unknown country" : "country +" + code;
    }

    private final ClickHouseDatabase database;

    public TrafficExport(ClickHouseDatabase database) {
        this.database = database;
    }

    /** The attempts of the selection's calls; its vendor filter applies to the vendor of each attempt. */
    public ExportTable table(CallSelection calls) throws SQLException {
        return table(rows(calls));
    }

    /** The rows, sorted by vendor, then destination (ignoring case), then prefix. */
    public List<Row> rows(CallSelection calls) throws SQLException {
        String userCauses = new TreeSet<>(AttemptOutcome.USER_CAUSES).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        // per vendor and number first: a number's destination is then looked up once, not once per attempt
        String perNumber = "SELECT attempt.1 AS vendor, b_number, count() AS attempts, countIf(attempt.2) AS answered,"
                + " countIf(attempt.2 OR attempt.3 IN (" + userCauses + ")) AS effective,"
                + " sumIf(vendor_billed_s, attempt.2) AS billed_s, sumIf(duration_ms, attempt.2) AS answered_ms,"
                + " countIf(attempt.4 IS NOT NULL) AS pdd_samples, sum(ifNull(attempt.4, 0)) AS pdd_sum_ms"
                + " FROM rated_cdrs FINAL ARRAY JOIN " + ATTEMPTS + " AS attempt"
                + " WHERE " + calls.conditions("attempt.1") + " GROUP BY vendor, b_number";
        // every prefix of the number ('' included) that the vendor's deck has; all are prefixes of one number,
        // so the longest is the greatest
        String matched = "SELECT vendor, b_number, max(candidate) AS prefix, any(attempts) AS attempts,"
                + " any(answered) AS answered, any(effective) AS effective, any(billed_s) AS billed_s,"
                + " any(answered_ms) AS answered_ms, any(pdd_samples) AS pdd_samples, any(pdd_sum_ms) AS pdd_sum_ms"
                + " FROM (" + perNumber + ") ARRAY JOIN arrayPushFront(arrayMap(i -> substring(b_number, 1, i),"
                + " range(1, length(b_number) + 1)), '') AS candidate"
                + " WHERE candidate = '' OR (vendor, candidate) IN (SELECT owner_id, prefix" + DECK_ROWS + ")"
                + " GROUP BY vendor, b_number";
        String sql = "SELECT t.vendor, t.prefix, t.lead, d.destination, t.attempts, t.answered, t.effective,"
                + " t.billed_s, t.answered_ms, t.pdd_samples, t.pdd_sum_ms FROM ("
                + "SELECT vendor, prefix, if(prefix = '', substring(b_number, 1, " + COUNTRY_DIGITS + "), '') AS lead,"
                + " sum(attempts) AS attempts, sum(answered) AS answered, sum(effective) AS effective,"
                + " sum(billed_s) AS billed_s, sum(answered_ms) AS answered_ms, sum(pdd_samples) AS pdd_samples,"
                + " sum(pdd_sum_ms) AS pdd_sum_ms FROM (" + matched + ") GROUP BY vendor, prefix, lead) AS t"
                + " LEFT JOIN (SELECT toString(owner_id) AS vendor, prefix,"
                + " argMax(destination, (deck_version, effective_from)) AS destination" + DECK_ROWS
                + " GROUP BY vendor, prefix) AS d ON d.vendor = t.vendor AND d.prefix = t.prefix";
        Map<List<Object>, Row> rows = new LinkedHashMap<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            int next = calls.bind(select, 1);
            next = bindDeckPeriod(select, next, calls);
            bindDeckPeriod(select, next, calls);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    Row row = row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11));
                    rows.merge(List.of(row.vendor(), row.byCountry(), row.prefix()), row, Row::plus);
                }
            }
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(Row::vendor).thenComparing(Row::destination, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Row::destination).thenComparing(Row::prefix));
        return sorted;
    }

    /** A row as the query gives it: a matched deck prefix with its name, or the leading digits of unmatched numbers. */
    static Row row(String vendor, String prefix, String lead, String name, long attempts, long answered,
                   long effective, long billedS, long answeredMs, long pddSamples, long pddSumMs) {
        boolean byCountry = prefix == null || prefix.isEmpty();
        String key = byCountry ? CountryCodes.of(lead) : prefix;
        String destination = !byCountry && name != null && !name.isBlank() ? name.strip()
                : countryName(CountryCodes.of(key));
        return new Row(vendor, destination, key, byCountry, attempts, answered, effective, billedS, answeredMs,
                pddSamples, pddSumMs);
    }

    private static int bindDeckPeriod(PreparedStatement select, int first, CallSelection calls) throws SQLException {
        select.setObject(first, calls.to().atZone(ZoneOffset.UTC));
        select.setObject(first + 1, calls.from().atZone(ZoneOffset.UTC));
        return first + 2;
    }
}
