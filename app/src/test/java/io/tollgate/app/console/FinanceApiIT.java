package io.tollgate.app.console;

import io.tollgate.app.testing.TestConfigs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finance and statistics endpoints over HTTP on a real {@link ConsoleServer}, against a scratch ClickHouse
 * database holding crafted rated calls: roles allowed and refused, bad input, the invoice life cycle with its
 * audit trail and documents, exports, and traffic and margin series checked against hand-counted expectations.
 */
class FinanceApiIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final String CONFIG = "customers:\n" + TestConfigs.ACME + TestConfigs.GLOBEX + "vendors:\n"
            + TestConfigs.vendor("vendor-b", "Vendor B") + """
            fx_rates:
              - {from: EUR, to: USD, rate: 1.08, valid_from: 2026-01-01}
            invoices:
              issuer: {name: Tollgate Test Carrier, tax_id: GB999999973}
              number_format: "API-{yyyy}-{seq:04}"
              credit_note_format: "ACN-{yyyy}-{seq:04}"
            """;
    private static final Map<String, String> TOKENS = Map.of("finance", "tok-finance", "trader", "tok-trader",
            "fraud", "tok-fraud", "admin", "tok-admin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static ScratchDatabase scratch;
    private static ClickHouseDatabase database;
    private static ConsoleServer server;
    private static String base;
    private static final List<RatedCdr> CALLS = new ArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        scratch = ScratchDatabase.migrated("it_console_finance_");
        database = new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials());
        // the traffic window 10:00..10:03 on 10 March, by hand (see traffic test)
        CALLS.add(call("s1", "acme", "2026-03-10T09:59:00Z", "2026-03-10T10:01:30Z", true, "0.250000", EUR));
        CALLS.add(call("s2", "acme", "2026-03-10T10:00:10Z", "2026-03-10T10:00:40Z", false, "0", EUR));
        CALLS.add(call("s3", "acme", "2026-03-10T10:00:30Z", "2026-03-10T10:02:30Z", true, "0.400000", EUR));
        CALLS.add(call("s4", "acme", "2026-03-10T10:01:00Z", "2026-03-10T10:05:00Z", true, "0.800000", EUR));
        CALLS.add(call("s5", "acme", "2026-03-10T10:02:59.500Z", "2026-03-10T10:03:00Z", false, "0", EUR));
        CALLS.add(call("s6", "globex", "2026-03-10T10:01:20Z", "2026-03-10T10:01:50Z", true, "1.000000", USD));
        CALLS.add(call("d2", "acme", "2026-03-11T08:00:00Z", "2026-03-11T08:10:00Z", true, "2.000000", EUR));
        new RatedCdrTable(database).insert(CALLS, RatedCdrTable.STREAM_VERSION, "stream");
        Path configFile = dir.resolve("tollgate.yaml");
        Files.writeString(configFile, CONFIG);
        TollgateConfig config = TollgateConfig.load(configFile, Map.of());
        Map<String, Caller> callers = new java.util.HashMap<>();
        TOKENS.forEach((role, token) -> callers.put(token, new Caller(role + "-user", Role.of(role))));
        server = new ConsoleServer(new ConsoleSettings("127.0.0.1", 0, callers), new AuditLog(database),
                List.of(new FinanceSection(config, database, dir.resolve("invoices"), Clock.systemUTC()),
                        new StatsSection(config, database)));
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void everyEndpointNeedsATokenAndTheRightRole() throws Exception {
        List<String[]> finance = List.of(new String[] {"GET", "/api/invoices"},
                new String[] {"POST", "/api/invoices"}, new String[] {"GET", "/api/invoices/x"},
                new String[] {"POST", "/api/invoices/x/finalise"}, new String[] {"POST", "/api/invoices/x/void"},
                new String[] {"POST", "/api/invoices/x/credit"}, new String[] {"GET", "/api/invoices/x/pdf"},
                new String[] {"GET", "/api/invoices/x/csv"}, new String[] {"GET", "/api/exports/margin"});
        for (String[] e : finance) {
            assertThat(send(e[0], e[1], null, "{}").statusCode()).as("no token " + e[1]).isEqualTo(401);
            assertThat(send(e[0], e[1], "nonsense", "{}").statusCode()).as("bad token " + e[1]).isEqualTo(401);
            assertThat(send(e[0], e[1], "trader", "{}").statusCode()).as("trader " + e[1]).isEqualTo(403);
            assertThat(send(e[0], e[1], "fraud", "{}").statusCode()).as("fraud " + e[1]).isEqualTo(403);
            // finance and admin get past the check: a 400 (no body) or 404 (no invoice x), never 401/403
            assertThat(send(e[0], e[1], "finance", "{}").statusCode()).as("finance " + e[1]).isIn(200, 400, 404);
            assertThat(send(e[0], e[1], "admin", "{}").statusCode()).as("admin " + e[1]).isIn(200, 400, 404);
        }
        String window = "?from=2026-03-10T10:00:00Z&to=2026-03-10T10:03:00Z";
        assertThat(send("GET", "/api/stats/traffic" + window, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/stats/traffic" + window, "finance", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/stats/traffic" + window, "fraud", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/stats/traffic" + window, "trader", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/stats/traffic" + window, "admin", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/stats/margin" + window, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/stats/margin" + window, "fraud", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/stats/margin" + window, "finance", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/stats/margin" + window, "trader", null).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        assertBad(send("POST", "/api/invoices", "finance", "{\"customer\": \"nobody\", \"period\": \"2026-03\"}"),
                "customer");
        assertBad(send("POST", "/api/invoices", "finance", "{\"customer\": \"acme\", \"period\": \"03/2026\"}"),
                "period");
        assertBad(send("POST", "/api/invoices", "finance", "{\"customer\": \"acme\"}"), "period");
        assertBad(send("POST", "/api/invoices", "finance", "{not json"), "body");
        assertBad(send("GET", "/api/invoices?status=paid", "finance", null), "status");
        assertBad(send("GET", "/api/invoices?customer=nobody", "finance", null), "customer");
        String window = "from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z";
        assertBad(send("GET", "/api/exports/payroll?" + window, "finance", null), "kind");
        assertBad(send("GET", "/api/exports/margin?" + window + "&format=pdf", "finance", null), "format");
        assertBad(send("GET", "/api/exports/margin?" + window + "&by=week", "finance", null), "by");
        assertBad(send("GET", "/api/exports/margin?from=yesterday&to=2026-03-11T00:00:00Z", "finance", null), "from");
        assertBad(send("GET", "/api/exports/unrated?from=2026-03-11T00:00:00Z&to=2026-03-10T00:00:00Z", "finance",
                null), "to");
        assertBad(send("GET", "/api/exports/traffic?" + window + "&vendor=nobody", "finance", null), "vendor");
        assertBad(send("GET", "/api/stats/traffic?" + window + "&step=1d", "trader", null), "step");
        assertBad(send("GET", "/api/stats/traffic?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&step=1m",
                "trader", null), "step");
        assertBad(send("GET", "/api/stats/margin?" + window + "&step=1m", "finance", null), "step");
        assertBad(send("GET", "/api/stats/margin?to=2026-03-11T00:00:00Z", "finance", null), "from");
        assertBad(send("GET", "/api/stats/traffic?" + window + "&customer=nobody", "trader", null), "customer");
        HttpResponse<byte[]> missing = send("GET", "/api/invoices/NO-SUCH-1", "finance", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").asText()).contains("NO-SUCH-1");
    }

    @Test
    void anInvoiceIsGeneratedFinalisedCreditedAndVoidedEachStepAuditedItsPdfDownloadable() throws Exception {
        HttpResponse<byte[]> made = send("POST", "/api/invoices", "finance",
                "{\"customer\": \"acme\", \"period\": \"2026-03\"}");

        assertThat(made.statusCode()).as(body(made)).isEqualTo(201);
        JsonNode draft = json(made).path("invoices").get(0);
        BigDecimal net = BigDecimal.ZERO;
        long acmeCalls = 0;
        for (RatedCdr c : CALLS) {
            if (c.cdr().customer().equals("acme") && c.cdr().answer() != null) { // unanswered calls bill nothing
                net = net.add(c.customerLeg().amount());
                acmeCalls++;
            }
        }
        net = net.setScale(2, RoundingMode.HALF_UP);
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("number").asText()).isEmpty();
        assertThat(draft.path("customer").asText()).isEqualTo("acme");
        assertThat(draft.path("period").asText()).isEqualTo("2026-03-01..2026-03-31");
        assertThat(draft.path("currency").asText()).isEqualTo("EUR");
        assertThat(draft.path("calls").asLong()).isEqualTo(acmeCalls);
        assertThat(new BigDecimal(draft.path("net").asText())).isEqualByComparingTo(net);
        assertThat(new BigDecimal(draft.path("tax").asText())).isEqualByComparingTo(
                net.multiply(new BigDecimal("0.19")).setScale(2, RoundingMode.HALF_UP));
        String id = draft.path("id").asText();

        HttpResponse<byte[]> pdf = send("GET", draft.path("links").path("pdf").asText(), "finance", null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/pdf"));
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"draft-" + id
                + ".pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        HttpResponse<byte[]> csv = send("GET", "/api/invoices/" + id + "/csv", "finance", null);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));
        assertThat(body(csv)).contains(net.toPlainString());

        JsonNode shown = json(send("GET", "/api/invoices/" + id, "finance", null));
        assertThat(shown.path("lines").size()).isPositive();
        long lineCalls = 0;
        for (JsonNode l : shown.path("lines")) {
            lineCalls += l.path("calls").asLong();
        }
        assertThat(lineCalls).isEqualTo(acmeCalls);
        assertThat(json(send("GET", "/api/invoices?customer=acme&status=draft", "finance", null)).path("invoices")
                .findValuesAsText("id")).contains(id);

        HttpResponse<byte[]> finalised = send("POST", "/api/invoices/" + id + "/finalise", "finance", null);
        assertThat(finalised.statusCode()).as(body(finalised)).isEqualTo(200);
        String number = json(finalised).path("number").asText();
        assertThat(number).startsWith("API-").endsWith("-0001");
        assertThat(json(finalised).path("status").asText()).isEqualTo("final");
        // a final invoice cannot be finalised again: 409 naming why
        assertThat(send("POST", "/api/invoices/" + number + "/finalise", "finance", null).statusCode())
                .isEqualTo(409);
        HttpResponse<byte[]> finalPdf = send("GET", "/api/invoices/" + number + "/pdf", "admin", null);
        assertThat(finalPdf.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\""
                + number + ".pdf\"");
        assertThat(new String(finalPdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        HttpResponse<byte[]> credit = send("POST", "/api/invoices/" + number + "/credit", "finance",
                "{\"final\": true}");
        assertThat(credit.statusCode()).as(body(credit)).isEqualTo(200);
        assertThat(json(credit).path("kind").asText()).isEqualTo("credit_note");
        assertThat(json(credit).path("creditFor").asText()).isEqualTo(number);
        assertThat(new BigDecimal(json(credit).path("total").asText())).isNegative();

        HttpResponse<byte[]> voided = send("POST", "/api/invoices/" + number + "/void", "finance", null);
        assertThat(voided.statusCode()).as(body(voided)).isEqualTo(200);
        assertThat(json(voided).path("status").asText()).isEqualTo("void");
        assertThat(send("POST", "/api/invoices/" + number + "/void", "finance", null).statusCode()).isEqualTo(409);

        assertThat(audited(id)).containsExactly("invoice.generate:finance-user", "invoice.finalize:finance-user",
                "invoice.void:finance-user");
        assertThat(audited(json(credit).path("id").asText())).containsExactly("invoice.credit:finance-user");
    }

    @Test
    void aFinalInvoiceCanBeGeneratedInOneCall() throws Exception {
        HttpResponse<byte[]> made = send("POST", "/api/invoices", "admin",
                "{\"customer\": \"globex\", \"period\": \"2026-03-10\", \"final\": true}");

        assertThat(made.statusCode()).as(body(made)).isEqualTo(201);
        JsonNode invoice = json(made).path("invoices").get(0);
        assertThat(invoice.path("status").asText()).isEqualTo("final");
        assertThat(invoice.path("currency").asText()).isEqualTo("USD");
        assertThat(invoice.path("net").asText()).isEqualTo("1.00");
        assertThat(audited(invoice.path("id").asText())).containsExactly("invoice.finalize:admin-user");
    }

    @Test
    void exportsDownloadAsCsvOrXlsx() throws Exception {
        String window = "from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z";
        HttpResponse<byte[]> margin = send("GET", "/api/exports/margin?" + window + "&customer=acme&by=day",
                "finance", null);

        assertThat(margin.statusCode()).as(body(margin)).isEqualTo(200);
        assertThat(margin.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"margin-20260310T000000Z-20260312T000000Z.csv\"");
        List<String> lines = body(margin).lines().toList();
        assertThat(lines.get(0)).startsWith("day,currency,calls,answered");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("2026-03-10,EUR,5,3,");
        assertThat(lines.get(2)).startsWith("2026-03-11,EUR,1,1,");

        HttpResponse<byte[]> traffic = send("GET", "/api/exports/traffic?" + window + "&format=xlsx", "finance",
                null);
        assertThat(traffic.statusCode()).as(body(traffic)).isEqualTo(200);
        assertThat(traffic.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertThat(new String(traffic.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        HttpResponse<byte[]> unrated = send("GET", "/api/exports/unrated?" + window, "finance", null);
        assertThat(unrated.statusCode()).isEqualTo(200);
        assertThat(body(unrated).lines().toList()).hasSize(1); // the header: every crafted call is rated
    }

    @Test
    void trafficSeriesCountCallsConcurrentCallsAndAsrPerStep() throws Exception {
        JsonNode all = json(send("GET", "/api/stats/traffic?from=2026-03-10T10:00:00Z&to=2026-03-10T10:03:00Z"
                + "&step=1m", "trader", null));
        JsonNode acme = json(send("GET", "/api/stats/traffic?from=2026-03-10T10:00:00Z&to=2026-03-10T10:03:00Z"
                + "&step=1m&customer=acme", "trader", null));

        // by hand: 10:00 s2 s3 (s3 answered); 10:01 s4 s6 (both answered; s6 globex); 10:02 s5 (unanswered)
        assertThat(all.path("points").findValuesAsText("t")).containsExactly("2026-03-10T10:00:00Z",
                "2026-03-10T10:01:00Z", "2026-03-10T10:02:00Z");
        assertThat(longs(all, "calls")).containsExactly(2L, 2L, 1L);
        assertThat(longs(all, "answered")).containsExactly(1L, 2L, 0L);
        assertThat(doubles(all, "asr")).containsExactly(50.0, 100.0, 0.0);
        assertThat(doubles(all, "cps")).containsExactly(0.033, 0.033, 0.017);
        // up at 10:01: s1 (to 10:01:30), s3, s4 (set up at 10:01 itself); at 10:02: s3, s4; at 10:03: s4 (s5 ends then)
        assertThat(longs(all, "concurrent")).containsExactly(3L, 2L, 1L);
        assertThat(longs(acme, "calls")).containsExactly(2L, 1L, 1L);
        assertThat(longs(acme, "concurrent")).containsExactly(3L, 2L, 1L);
        assertThat(acme.path("customer").asText()).isEqualTo("acme");
        assertThat(all.path("stepSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void marginSeriesGiveRevenueCostAndMarginPerCustomerAndDay() throws Exception {
        JsonNode margin = json(send("GET", "/api/stats/margin?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z"
                + "&step=1d", "finance", null));

        JsonNode series = margin.path("series");
        assertThat(series.findValuesAsText("customer")).containsExactly("acme", "globex");
        JsonNode acme = series.get(0).path("points");
        // acme, 10 March: 0.25 + 0.40 + 0.80 revenue; each answered call costs 0.05 from vendor-b
        assertThat(acme.get(0).path("revenue").decimalValue()).isEqualByComparingTo("1.45");
        assertThat(acme.get(0).path("cost").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(acme.get(0).path("margin").decimalValue()).isEqualByComparingTo("1.30");
        assertThat(acme.get(1).path("revenue").decimalValue()).isEqualByComparingTo("2");
        assertThat(acme.get(1).path("margin").decimalValue()).isEqualByComparingTo("1.95");
        JsonNode globex = series.get(1);
        assertThat(globex.path("currency").asText()).isEqualTo("USD");
        // 0.05 EUR at 1.08 USD/EUR
        assertThat(globex.path("points").get(0).path("cost").decimalValue()).isEqualByComparingTo("0.054");
        assertThat(globex.path("points").get(1).path("revenue").decimalValue()).isEqualByComparingTo("0");
    }

    private static List<Long> longs(JsonNode series, String field) {
        List<Long> values = new ArrayList<>();
        series.path("points").forEach(p -> values.add(p.path(field).asLong()));
        return values;
    }

    private static List<Double> doubles(JsonNode series, String field) {
        List<Double> values = new ArrayList<>();
        series.path("points").forEach(p -> values.add(p.path(field).asDouble()));
        return values;
    }

    /** {@code action:actor} of the audit rows about {@code invoiceId}, oldest first. */
    private static List<String> audited(String invoiceId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT action, actor"
                + " FROM audit_log WHERE subject_type = 'invoice' AND subject_id = ? ORDER BY event_time")) {
            q.setString(1, invoiceId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + ":" + r.getString(2));
                }
            }
        }
        return rows;
    }

    private static void assertBad(HttpResponse<byte[]> response, String field) throws Exception {
        assertThat(response.statusCode()).as(body(response)).isEqualTo(400);
        assertThat(json(response).path("field").asText()).as(body(response)).isEqualTo(field);
    }

    private static HttpResponse<byte[]> send(String method, String path, String role, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (role != null) {
            request.header("Authorization", "Bearer " + TOKENS.getOrDefault(role, role));
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static RatedCdr call(String id, String customer, String setup, String end, boolean answered,
                                 String amount, Currency currency) {
        Instant start = Instant.parse(setup);
        Instant stop = Instant.parse(end);
        Instant answer = answered ? start.plusSeconds(5) : null;
        long seconds = answered ? stop.getEpochSecond() - answer.getEpochSecond() : 0;
        Cdr cdr = new Cdr(id, customer, "4930111", "441234567", start, answer, stop,
                new BigDecimal(seconds), answered ? Disposition.ANSWERED : Disposition.NO_ANSWER,
                answered ? 16 : 19, List.of());
        RatedLeg customerLeg = new RatedLeg("customer-" + customer, 1, currency, "44", new BigDecimal("0.1"),
                seconds, new BigDecimal(amount));
        RatedLeg vendorLeg = new RatedLeg("vendor-b", 1, EUR, "44", new BigDecimal("0.05"), seconds,
                answered ? new BigDecimal("0.05") : BigDecimal.ZERO);
        return RatedCdr.rated(cdr, "vendor-b", customerLeg, vendorLeg,
                currency.equals(USD) ? new BigDecimal("1.08") : BigDecimal.ONE);
    }
}
