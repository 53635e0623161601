package io.tollgate.reports.invoice;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.Coverage;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoicePricing;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.core.billing.LineTotals;
import io.tollgate.core.billing.TaxProfile;
import io.tollgate.core.money.FxRates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceCsvTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final int AMOUNT = InvoiceCsv.COLUMNS.indexOf("amount");
    private static final int KIND = InvoiceCsv.COLUMNS.indexOf("kind");

    /** Three lines whose amounts rounded one by one (3 x 0.33) fall a cent short of the net (1.002 rounded: 1.00). */
    private static final List<LineTotals> GROUPS = List.of(
            new LineTotals("Spain Mobile", "346", new BigDecimal("0.0200"), EUR, 10, 1_010, new BigDecimal("0.334000"),
                    false),
            new LineTotals("=HYPERLINK(\"http://evil.example\",\"click\")", "999", new BigDecimal("0.0100"), EUR, 5,
                    1_995, new BigDecimal("0.334000"), false),
            new LineTotals("France Fixed", "331", new BigDecimal("0.0050"), EUR, 20, 4_020, new BigDecimal("0.334000"),
                    true));

    @Test
    void linesAddUpToNet_andNetPlusTaxIsTotal() throws IOException {
        Invoice invoice = invoice(InvoiceStatus.FINAL, "INV-2026-00042");

        List<String[]> rows = parse(csv(invoice));

        assertThat(rows.get(0)).containsExactly(InvoiceCsv.COLUMNS.toArray(String[]::new));
        List<String[]> body = rows.subList(1, rows.size());
        assertThat(body).extracting(row -> row[KIND])
                .containsExactly("call", "call", "adjustment", "net", "tax", "total");
        assertThat(body).allSatisfy(row -> assertThat(row).hasSize(InvoiceCsv.COLUMNS.size()));
        assertThat(body).allSatisfy(row -> assertThat(row[0]).isEqualTo("INV-2026-00042"));
        assertThat(body).allSatisfy(row -> assertThat(row[row.length - 1]).isEqualTo("EUR"));

        BigDecimal lines = body.stream().filter(row -> row[KIND].equals("call") || row[KIND].equals("adjustment"))
                .map(row -> new BigDecimal(row[AMOUNT])).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal net = amountOf(body, "net");
        BigDecimal tax = amountOf(body, "tax");
        assertThat(lines).isEqualTo(net);
        assertThat(net.add(tax)).isEqualTo(amountOf(body, "total"));

        // worked out here: the exact sum rounded once, 19 % of it rounded once
        BigDecimal expectedNet = GROUPS.stream().map(LineTotals::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        assertThat(net).isEqualTo(expectedNet);
        assertThat(tax).isEqualTo(expectedNet.multiply(new BigDecimal("0.19")).setScale(2, RoundingMode.HALF_UP));

        // totals rows carry only the amount among the numeric columns
        for (String kind : List.of("net", "tax", "total")) {
            String[] row = body.stream().filter(r -> r[KIND].equals(kind)).findFirst().orElseThrow();
            assertThat(List.of(row[1], row[6], row[7], row[8])).as(kind).containsOnly("");
            assertThat(row[AMOUNT]).as(kind).matches("-?[0-9]+\\.[0-9]{2}");
        }
    }

    @Test
    void aFormulaInTheDescriptionIsDefused() throws IOException {
        List<String[]> rows = parse(csv(invoice(InvoiceStatus.FINAL, "INV-2026-00042")));

        String[] formula = rows.get(2);
        assertThat(formula[3]).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\") (999)");
        assertThat(formula[4]).startsWith("'=");
    }

    @Test
    void aDraftIsNamedByItsId_andFiguresArePlainDecimals() throws IOException {
        String csv = csv(invoice(InvoiceStatus.DRAFT, ""));

        List<String[]> rows = parse(csv);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row[0]).isEqualTo("drf-1"));
        assertThat(rows.get(1)).containsExactly("drf-1", "1", "call", "Spain Mobile (346)", "Spain Mobile", "346",
                "10", "16.83", "0.02", rows.get(1)[AMOUNT], "EUR");
        assertThat(csv).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
    }

    private static Invoice invoice(InvoiceStatus status, String number) {
        TaxProfile tax = new TaxProfile(TaxProfile.Kind.STANDARD, new BigDecimal("0.19"), "");
        InvoiceAmounts amounts = InvoicePricing.price(GROUPS, EUR, tax, FxRates.none(),
                Instant.parse("2026-03-31T22:00:00Z"));
        boolean draft = status == InvoiceStatus.DRAFT;
        return new Invoice(draft ? "drf-1" : "inv-1", number, Invoice.Kind.INVOICE, status, "acme",
                new BillingPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)), EUR, amounts,
                new Coverage(35, amounts.exactNet(), "digest"), "", draft ? null : LocalDate.of(2026, 4, 1),
                draft ? null : LocalDate.of(2026, 5, 1), Instant.parse("2026-04-01T06:00:00Z"));
    }

    private static String csv(Invoice invoice) throws IOException {
        StringWriter out = new StringWriter();
        InvoiceCsv.write(invoice, out);
        return out.toString();
    }

    private static List<String[]> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static BigDecimal amountOf(List<String[]> rows, String kind) {
        return rows.stream().filter(row -> row[KIND].equals(kind)).map(row -> new BigDecimal(row[AMOUNT]))
                .findFirst().orElseThrow();
    }
}
