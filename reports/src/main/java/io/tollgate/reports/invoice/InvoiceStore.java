package io.tollgate.reports.invoice;

import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.Coverage;
import io.tollgate.core.billing.FxConversion;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoiceLine;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.core.billing.LineTotals;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.NumberClaims;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Invoices in ClickHouse: the calls they take from {@code rated_cdrs}, what final invoices covered
 * ({@code invoice_cdrs}), their numbers ({@code invoice_number_claims}) and the documents' figures ({@code invoices},
 * {@code invoice_lines}). Every value is a parameter. Many invoices are read and written in one statement each, so
 * an invoice run scans the rated calls once, not once per customer.
 */
public final class InvoiceStore {
    private static final int MAX_CLAIMS = 1000;
    /** Each scope adds ~100 bytes to a statement; ClickHouse refuses statements over 256 KiB by default. */
    private static final int SCOPES_PER_QUERY = 2000;
    private static final String FINAL = InvoiceStatus.FINAL.label();

    private final ClickHouseDatabase database;

    public InvoiceStore(ClickHouseDatabase database) {
        this.database = database;
    }

    /** The calls of each scope, grouped into lines: from the rated calls, or from what final invoices covered. */
    List<CallGroup> groups(List<InvoiceScope> scopes, boolean covered) throws SQLException {
        if (scopes.size() > SCOPES_PER_QUERY) {
            List<CallGroup> all = new ArrayList<>();
            for (List<InvoiceScope> chunk : chunks(scopes)) {
                all.addAll(groups(chunk, covered));
            }
            return all;
        }
        if (scopes.isEmpty()) {
            return List.of();
        }
        String source = covered
                ? "SELECT * FROM invoice_cdrs FINAL WHERE invoice_id IN (" + marks(scopes.size()) + ")"
                : scopeSql(scopes.size());
        String sql = "SELECT g.invoice_id, g.adjustment, g.prefix, g.rate, g.currency, g.calls, g.billed, g.owed,"
                + " g.line_deck, g.line_version, g.da, g.db, d.destination FROM (SELECT invoice_id, adjustment, prefix, rate,"
                + " currency, count() AS calls, sum(billed_s) AS billed, sum(amount) AS owed, any(deck_id) AS line_deck,"
                + " any(deck_version) AS line_version,"
                + " reinterpretAsInt64(groupBitXor(sipHash64(call_id, toString(amount)))) AS da,"
                + " reinterpretAsInt64(groupBitXor(cityHash64(call_id, toString(amount)))) AS db"
                + " FROM (" + source + ") GROUP BY invoice_id, adjustment, prefix, rate, currency) AS g"
                + " LEFT JOIN (SELECT deck_id, deck_version, prefix, any(destination) AS destination FROM rate_deck_rows"
                + " GROUP BY deck_id, deck_version, prefix) AS d"
                + " ON g.line_deck = d.deck_id AND g.line_version = d.deck_version AND g.prefix = d.prefix"
                + " ORDER BY g.invoice_id, g.adjustment, g.prefix, g.rate, g.currency";
        List<CallGroup> groups = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            if (covered) {
                int i = 1;
                for (InvoiceScope s : scopes) {
                    q.setString(i++, s.invoiceId());
                }
            } else {
                bindScopes(q, scopes, 1);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LineTotals totals = new LineTotals(nullToEmpty(r.getString(13)), r.getString(3),
                            r.getBigDecimal(4), Currency.getInstance(r.getString(5)), r.getLong(6), r.getLong(7),
                            r.getBigDecimal(8), r.getInt(2) == 1);
                    groups.add(new CallGroup(r.getString(1), r.getString(9), r.getLong(10), totals, r.getLong(11),
                            r.getLong(12)));
                }
            }
        }
        return groups;
    }

    /** What {@code invoice_cdrs} holds for a final invoice, counted and digested afresh. */
    Coverage recount(String invoiceId) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT count(), sum(amount),"
                + " reinterpretAsInt64(groupBitXor(sipHash64(call_id, toString(amount)))),"
                + " reinterpretAsInt64(groupBitXor(cityHash64(call_id, toString(amount))))"
                + " FROM invoice_cdrs FINAL WHERE invoice_id = ?")) {
            q.setString(1, invoiceId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return Coverage.of(r.getLong(1), r.getBigDecimal(2), r.getLong(3), r.getLong(4));
            }
        }
    }

    /** Records what each scope's invoice covers, replacing what an interrupted finalisation left. */
    void cover(List<InvoiceScope> scopes) throws SQLException {
        if (scopes.size() > SCOPES_PER_QUERY) {
            for (List<InvoiceScope> chunk : chunks(scopes)) {
                cover(chunk);
            }
            return;
        }
        if (scopes.isEmpty()) {
            return;
        }
        try (Connection c = database.connect()) {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM invoice_cdrs WHERE invoice_id IN (" + marks(scopes.size()) + ")")) {
                int i = 1;
                for (InvoiceScope s : scopes) {
                    delete.setString(i++, s.invoiceId());
                }
                delete.execute();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO invoice_cdrs (invoice_id, customer_id,"
                    + " call_id, setup_time, adjustment, deck_id, deck_version, prefix, rate, billed_s, currency, amount)"
                    + " SELECT invoice_id, customer_id, call_id, setup_time, adjustment, deck_id, deck_version, prefix,"
                    + " rate, billed_s, currency, amount FROM (" + scopeSql(scopes.size()) + ")")) {
                bindScopes(insert, scopes, 1);
                insert.execute();
            }
        }
    }

    /**
     * The calls each scope takes, one row per call with the amount still owed for it. A call counts as billed by
     * final invoices only; a draft bills nothing.
     */
    private static String scopeSql(int scopes) {
        // one tuple per invoice in an array: compact enough for a run of thousands within max_query_size
        String periods = "SELECT t.1 AS invoice_id, t.2 AS customer_id, fromUnixTimestamp64Milli(toInt64(t.3)) AS s,"
                + " fromUnixTimestamp64Milli(toInt64(t.4)) AS e, fromUnixTimestamp64Milli(toInt64(t.5)) AS adj,"
                + " fromUnixTimestamp64Milli(toInt64(t.6)) AS lb FROM (SELECT arrayJoin(["
                + String.join(", ", java.util.Collections.nCopies(scopes, "(?, ?, ?, ?, ?, ?)")) + "]) AS t)";
        // ClickHouse builds a join's hash table from its right side: the rated calls stay on the left and stream;
        // the periods and the calls already billed in the window are hashed
        return "SELECT p.invoice_id AS invoice_id, r.customer_id AS customer_id, r.call_id AS call_id,"
                + " r.setup_time AS setup_time, toUInt8(r.setup_time < p.s) AS adjustment, r.customer_deck_id AS deck_id,"
                + " r.customer_deck_version AS deck_version, r.customer_prefix AS prefix, r.customer_rate AS rate,"
                + " r.customer_billed_s AS billed_s, r.currency AS currency,"
                + " r.customer_amount - ifNull(b.billed, 0) AS amount"
                + " FROM (SELECT call_id, customer_id, setup_time, customer_deck_id, customer_deck_version,"
                + " customer_prefix, customer_rate, customer_billed_s, currency, customer_amount FROM rated_cdrs FINAL"
                + " WHERE rating_reason = ? AND customer_billed_s > 0 AND setup_time >= fromUnixTimestamp64Milli(toInt64(?))"
                + " AND setup_time < fromUnixTimestamp64Milli(toInt64(?))) AS r"
                + " INNER JOIN (" + periods + ") AS p ON r.customer_id = p.customer_id"
                + " LEFT JOIN (SELECT call_id, sum(amount) AS billed, count() AS times FROM invoice_cdrs FINAL"
                + " WHERE setup_time >= fromUnixTimestamp64Milli(toInt64(?))"
                + " AND setup_time < fromUnixTimestamp64Milli(toInt64(?))"
                + " AND invoice_id IN (SELECT invoice_id FROM invoices FINAL WHERE status = ?)"
                + " GROUP BY call_id) AS b ON r.call_id = b.call_id"
                + " WHERE r.setup_time >= p.lb AND r.setup_time < p.e"
                + " AND ((r.setup_time >= p.s AND b.times = 0)"
                + " OR (r.setup_time < p.adj AND b.times > 0 AND r.customer_amount != b.billed)"
                + " OR (r.setup_time < p.adj AND b.times = 0))";
    }

    private static void bindScopes(PreparedStatement q, List<InvoiceScope> scopes, int from) throws SQLException {
        long first = scopes.stream().mapToLong(s -> s.lookback().toEpochMilli()).min().orElseThrow();
        long end = scopes.stream().mapToLong(s -> s.end().toEpochMilli()).max().orElseThrow();
        int i = from;
        q.setString(i++, "");
        q.setLong(i++, first);
        q.setLong(i++, end);
        for (InvoiceScope s : scopes) {
            q.setString(i++, s.invoiceId());
            q.setString(i++, s.customerId());
            q.setLong(i++, s.start().toEpochMilli());
            q.setLong(i++, s.end().toEpochMilli());
            q.setLong(i++, s.adjustUntil().toEpochMilli());
            q.setLong(i++, s.lookback().toEpochMilli());
        }
        q.setLong(i++, first);
        q.setLong(i++, end);
        q.setString(i, FINAL);
    }

    /**
     * The numbers the invoices hold in {@code series}: those they claimed before (a retried finalisation), else the
     * next free ones, claimed here in list order. All are claimed in one insert and read back in one query; an
     * invoice whose number another process took first claims again, above it.
     */
    public Map<String, Long> claimNumbers(String series, List<String> invoiceIds) throws SQLException {
        Map<String, Long> numbers = new HashMap<>();
        try (Connection c = database.connect()) {
            Map<Long, String> claimedBefore = claimsOf(c, series, invoiceIds);
            winners(c, series, claimedBefore.keySet()).forEach((seq, id) -> {
                if (id.equals(claimedBefore.get(seq))) {
                    numbers.merge(id, seq, Math::min);
                }
            });
            List<String> wanting = new ArrayList<>(invoiceIds.stream().filter(id -> !numbers.containsKey(id)).toList());
            for (int attempt = 0; !wanting.isEmpty(); attempt++) {
                if (attempt == MAX_CLAIMS) {
                    throw new SQLException("could not claim numbers in series " + series + " after " + MAX_CLAIMS
                            + " tries");
                }
                long first = next(c, series);
                Map<Long, String> claims = new HashMap<>();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO invoice_number_claims (series, seq, invoice_id) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < wanting.size(); i++) {
                        insert.setString(1, series);
                        insert.setLong(2, first + i);
                        insert.setString(3, wanting.get(i));
                        insert.addBatch();
                        claims.put(first + i, wanting.get(i));
                    }
                    insert.executeBatch();
                }
                Map<Long, String> won = wonBy(winners(c, series, claims.keySet()), claims);
                if (!won.isEmpty()) {
                    // a rival's claim of the same numbers may become visible just after ours was read back
                    NumberClaims.settle();
                    won = wonBy(winners(c, series, won.keySet()), claims);
                }
                won.forEach((seq, id) -> numbers.put(id, seq));
                wanting.removeIf(numbers::containsKey);
            }
        }
        return numbers;
    }

    /** The claims of {@code ours} that are the winners. */
    private static Map<Long, String> wonBy(Map<Long, String> winners, Map<Long, String> ours) {
        Map<Long, String> won = new HashMap<>();
        winners.forEach((seq, id) -> {
            if (id.equals(ours.get(seq))) {
                won.put(seq, id);
            }
        });
        return won;
    }

    /** The numbers of {@code series} claimed by any of {@code invoiceIds}, won or not. */
    private static Map<Long, String> claimsOf(Connection c, String series, List<String> invoiceIds)
            throws SQLException {
        Map<Long, String> claims = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT seq, invoice_id FROM invoice_number_claims"
                + " WHERE series = ? AND invoice_id IN (" + marks(invoiceIds.size()) + ")")) {
            int i = 1;
            q.setString(i++, series);
            for (String id : invoiceIds) {
                q.setString(i++, id);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    claims.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return claims;
    }

    /** Who holds each of {@code numbers}: the earliest claim, then the smallest invoice id. */
    private static Map<Long, String> winners(Connection c, String series, Collection<Long> numbers)
            throws SQLException {
        Map<Long, String> winners = new HashMap<>();
        if (numbers.isEmpty()) {
            return winners;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT seq, argMin(invoice_id, (claimed_at, invoice_id))"
                + " FROM invoice_number_claims WHERE series = ? AND seq IN (" + marks(numbers.size()) + ")"
                + " GROUP BY seq")) {
            int i = 1;
            q.setString(i++, series);
            for (long n : numbers) {
                q.setLong(i++, n);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    winners.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return winners;
    }

    private static long next(Connection c, String series) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT max(seq) FROM invoice_number_claims WHERE series = ?")) {
            q.setString(1, series);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) + 1 : 1;
            }
        }
    }

    /** Writes invoices and their lines; a newer row of the same invoice replaces the older. */
    void save(Collection<Invoice> invoices, Map<String, Integer> generations) throws SQLException {
        if (invoices.isEmpty()) {
            return;
        }
        try (Connection c = database.connect();
             PreparedStatement head = c.prepareStatement("INSERT INTO invoices (invoice_id, invoice_number, kind,"
                     + " status, customer_id, period_start, period_end, currency, net_amount, tax_rate, tax_amount,"
                     + " total_amount, credit_for_invoice_id, issued_at, due_date, document_path, created_at, updated_at,"
                     + " generation, exact_net, tax_note, fx_conversions, coverage_calls, coverage_amount,"
                     + " coverage_digest, issued_on)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement lines = c.prepareStatement("INSERT INTO invoice_lines (invoice_id, line_no,"
                     + " customer_id, description, destination, prefix, calls, billed_s, rate, amount, currency,"
                     + " updated_at, exact, adjustment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Invoice invoice : invoices) {
                bindHead(head, invoice, generations.getOrDefault(invoice.invoiceId(), 0));
                head.addBatch();
                for (InvoiceLine line : invoice.amounts().lines()) {
                    bindLine(lines, invoice, line);
                    lines.addBatch();
                }
            }
            head.executeBatch();
            lines.executeBatch();
        }
    }

    private static void bindHead(PreparedStatement q, Invoice inv, int generation) throws SQLException {
        InvoiceAmounts a = inv.amounts();
        int i = 1;
        q.setString(i++, inv.invoiceId());
        q.setString(i++, inv.number());
        q.setString(i++, inv.kind().label());
        q.setString(i++, inv.status().label());
        q.setString(i++, inv.customerId());
        q.setObject(i++, inv.period().first());
        q.setObject(i++, inv.period().last());
        q.setString(i++, inv.currency().getCurrencyCode());
        q.setBigDecimal(i++, a.net());
        q.setBigDecimal(i++, a.taxRate());
        q.setBigDecimal(i++, a.tax());
        q.setBigDecimal(i++, a.total());
        q.setString(i++, inv.creditFor());
        q.setObject(i++, inv.issuedOn() == null ? null : utc(inv.updatedAt()));
        q.setObject(i++, inv.dueOn());
        q.setString(i++, ""); // written by the row-binary insert in table order, so every column is given
        q.setObject(i++, utc(inv.updatedAt()));
        q.setObject(i++, utc(inv.updatedAt()));
        q.setLong(i++, generation);
        q.setBigDecimal(i++, a.exactNet());
        q.setString(i++, a.taxNote());
        q.setString(i++, FxText.write(a.conversions()));
        q.setLong(i++, inv.coverage().calls());
        q.setBigDecimal(i++, inv.coverage().amount());
        q.setString(i++, inv.coverage().digest());
        q.setObject(i, inv.issuedOn());
    }

    private static void bindLine(PreparedStatement q, Invoice inv, InvoiceLine line) throws SQLException {
        int i = 1;
        q.setString(i++, inv.invoiceId());
        q.setLong(i++, line.lineNo());
        q.setString(i++, inv.customerId());
        q.setString(i++, line.description());
        q.setString(i++, line.destination());
        q.setString(i++, line.prefix());
        q.setLong(i++, line.calls());
        q.setLong(i++, line.billedSeconds());
        q.setBigDecimal(i++, line.rate());
        q.setBigDecimal(i++, line.amount());
        q.setString(i++, inv.currency().getCurrencyCode());
        q.setObject(i++, utc(inv.updatedAt()));
        q.setBigDecimal(i++, line.exact());
        q.setLong(i, line.adjustment() ? 1 : 0);
    }

    /** Invoices matching a condition on {@code invoices FINAL}, newest first, with their lines. */
    private List<Stored> select(String condition, String... values) throws SQLException {
        String sql = "SELECT invoice_id, invoice_number, kind, status, customer_id, period_start, period_end, currency,"
                + " net_amount, tax_rate, tax_amount, total_amount, credit_for_invoice_id, due_date, updated_at,"
                + " generation, exact_net, tax_note, fx_conversions, coverage_calls, coverage_amount, coverage_digest,"
                + " issued_on FROM invoices FINAL WHERE " + condition + " ORDER BY period_start DESC, updated_at DESC";
        List<Stored> found = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                q.setString(i + 1, values[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(head(r));
                }
            }
            Map<String, List<InvoiceLine>> lines = lines(c, found);
            return found.stream().map(s -> s.withLines(lines.getOrDefault(s.invoice().invoiceId(), List.of())))
                    .toList();
        }
    }

    public List<Stored> forCustomer(String customerId) throws SQLException {
        return select("customer_id = ?", customerId);
    }

    public List<Stored> all() throws SQLException {
        return select("1 = 1");
    }

    /** The invoice with this number, or this id. */
    public Optional<Stored> find(String reference) throws SQLException {
        return select("invoice_number = ? OR invoice_id = ?", reference, reference).stream().findFirst();
    }

    /** Customers' finalised invoices: the last day of the latest period each has invoiced, per customer. */
    Map<String, LocalDate> finalisedThrough(Collection<String> customers) throws SQLException {
        Map<String, LocalDate> through = new HashMap<>();
        if (customers.isEmpty()) {
            return through;
        }
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT customer_id,"
                + " max(period_end) FROM invoices FINAL WHERE status = ? AND kind = ? AND customer_id IN ("
                + marks(customers.size()) + ") GROUP BY customer_id")) {
            int i = 1;
            q.setString(i++, FINAL);
            q.setString(i++, Invoice.Kind.INVOICE.label());
            for (String customer : customers) {
                q.setString(i++, customer);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    through.put(r.getString(1), r.getObject(2, LocalDate.class));
                }
            }
        }
        return through;
    }

    private static Map<String, List<InvoiceLine>> lines(Connection c, List<Stored> heads) throws SQLException {
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        if (heads.isEmpty()) {
            return lines;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT invoice_id, line_no, destination, prefix, rate, calls,"
                + " billed_s, exact, amount, adjustment, updated_at, currency FROM invoice_lines FINAL WHERE invoice_id IN ("
                + marks(heads.size()) + ") ORDER BY invoice_id, line_no")) {
            Map<String, Instant> versions = new HashMap<>();
            int i = 1;
            for (Stored s : heads) {
                q.setString(i++, s.invoice().invoiceId());
                versions.put(s.invoice().invoiceId(), s.invoice().updatedAt());
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    // lines of an older draft that had more lines than the newest are left behind by it
                    if (!versions.get(id).equals(instant(r, 11))) {
                        continue;
                    }
                    lines.computeIfAbsent(id, k -> new ArrayList<>()).add(new InvoiceLine(r.getInt(2),
                            r.getString(3), r.getString(4), r.getBigDecimal(5), r.getLong(6), r.getLong(7),
                            r.getBigDecimal(8), printed(r, 9, Math.max(0,
                            Currency.getInstance(r.getString(12)).getDefaultFractionDigits())), r.getInt(10) == 1));
                }
            }
        }
        return lines;
    }

    private static Stored head(ResultSet r) throws SQLException {
        Currency currency = Currency.getInstance(r.getString(8));
        int cents = Math.max(currency.getDefaultFractionDigits(), 0);
        InvoiceAmounts amounts = new InvoiceAmounts(List.of(), r.getBigDecimal(17), printed(r, 9, cents),
                r.getBigDecimal(10).stripTrailingZeros(), printed(r, 11, cents), printed(r, 12, cents), r.getString(18),
                FxText.read(r.getString(19)));
        Invoice invoice = new Invoice(r.getString(1), r.getString(2), Invoice.Kind.of(r.getString(3)),
                InvoiceStatus.of(r.getString(4)), r.getString(5),
                new BillingPeriod(r.getObject(6, LocalDate.class), r.getObject(7, LocalDate.class)), currency,
                amounts, new Coverage(r.getLong(20), r.getBigDecimal(21), r.getString(22)), r.getString(13),
                r.getObject(23, LocalDate.class), r.getObject(14, LocalDate.class), instant(r, 15));
        return new Stored(invoice, r.getInt(16));
    }

    /** An amount stored with the column's six decimals, back at the currency's: exact, it was rounded to them. */
    private static BigDecimal printed(ResultSet r, int column, int cents) throws SQLException {
        return r.getBigDecimal(column).setScale(cents);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, ZonedDateTime.class).toInstant();
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }

    private static List<List<InvoiceScope>> chunks(List<InvoiceScope> scopes) {
        List<List<InvoiceScope>> chunks = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i += SCOPES_PER_QUERY) {
            chunks.add(scopes.subList(i, Math.min(scopes.size(), i + SCOPES_PER_QUERY)));
        }
        return chunks;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** An invoice as stored, with how many times its period was invoiced before (after voids). */
    public record Stored(Invoice invoice, int generation) {
        Stored withLines(List<InvoiceLine> lines) {
            InvoiceAmounts a = invoice.amounts();
            InvoiceAmounts full = new InvoiceAmounts(lines, a.exactNet(), a.net(), a.taxRate(), a.tax(), a.total(),
                    a.taxNote(), a.conversions());
            Invoice i = invoice;
            return new Stored(new Invoice(i.invoiceId(), i.number(), i.kind(), i.status(), i.customerId(), i.period(),
                    i.currency(), full, i.coverage(), i.creditFor(), i.issuedOn(), i.dueOn(), i.updatedAt()),
                    generation);
        }
    }

    /** FX conversions in one text column: {@code FROM>TO=RATE@INSTANT;...}. */
    static final class FxText {
        private FxText() {
        }

        static String write(List<FxConversion> conversions) {
            return conversions.stream().map(c -> c.from().getCurrencyCode() + ">" + c.to().getCurrencyCode() + "="
                    + c.rate().toPlainString() + "@" + c.fixedAt()).collect(Collectors.joining(";"));
        }

        static List<FxConversion> read(String text) {
            if (text == null || text.isEmpty()) {
                return List.of();
            }
            return Arrays.stream(text.split(";")).map(part -> {
                String[] pair = part.substring(0, part.indexOf('=')).split(">");
                String rest = part.substring(part.indexOf('=') + 1);
                return new FxConversion(Currency.getInstance(pair[0]), Currency.getInstance(pair[1]),
                        new BigDecimal(rest.substring(0, rest.indexOf('@'))),
                        Instant.parse(rest.substring(rest.indexOf('@') + 1)));
            }).toList();
        }
    }

}
