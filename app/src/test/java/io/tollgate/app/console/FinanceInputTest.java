package io.tollgate.app.console;

import io.tollgate.app.testing.TestConfigs;
import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.export.CallSelection;
import io.tollgate.reports.export.ExportFormat;
import io.tollgate.reports.export.MarginExport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the finance endpoints accept, and the field each refusal names. */
class FinanceInputTest {
    static final String CONFIG = "customers:\n" + TestConfigs.ACME + "vendors:\n"
            + TestConfigs.vendor("vendor-b", "Vendor B");

    @TempDir
    Path dir;

    private TollgateConfig config;

    @BeforeEach
    void config() throws Exception {
        Path file = dir.resolve("tollgate.yaml");
        Files.writeString(file, CONFIG);
        config = TollgateConfig.load(file, java.util.Map.of());
    }

    @Test
    void anInvoiceRequestNamesACustomerAndAMonthOrADay() {
        FinanceInput.InvoiceRequest month = FinanceInput.invoiceRequest(config,
                "{\"customer\": \"acme\", \"period\": \"2026-03\", \"final\": true}");
        FinanceInput.InvoiceRequest day = FinanceInput.invoiceRequest(config,
                "{\"customer\": \"acme\", \"period\": \"2026-03-16\"}");

        assertThat(month.customer().id()).isEqualTo("acme");
        assertThat(month.finalise()).isTrue();
        assertThat(month.periods()).containsExactly(new BillingPeriod(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31")));
        assertThat(day.finalise()).isFalse();
        assertThat(day.periods()).isEqualTo(month.periods());
    }

    @Test
    void aBadInvoiceRequestNamesTheField() {
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"period\": \"2026-03\"}"), "customer");
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"customer\": \"nobody\", \"period\": \"2026-03\"}"),
                "customer");
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"customer\": \"acme\"}"), "period");
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"customer\": \"acme\", \"period\": \"March\"}"),
                "period");
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"customer\": \"acme\", \"period\": \"2026-13\"}"),
                "period");
        assertField(() -> FinanceInput.invoiceRequest(config,
                "{\"customer\": \"acme\", \"period\": \"2026-03\", \"final\": \"yes\"}"), "final");
        assertField(() -> FinanceInput.invoiceRequest(config, "{\"customer\": 7, \"period\": \"2026-03\"}"),
                "customer");
        assertField(() -> FinanceInput.invoiceRequest(config, "not json"), "body");
        assertField(() -> FinanceInput.invoiceRequest(config, "[1]"), "body");
    }

    @Test
    void exportsTakeAPeriodFiltersAKindAFormatAndAGrouping() {
        CallSelection calls = FinanceInput.calls(config, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00+01:00",
                "acme", "vendor-b");

        assertThat(calls).isEqualTo(new CallSelection(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-01T23:00:00Z"), "acme", "vendor-b"));
        assertThat(FinanceInput.calls(config, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "", null).customer())
                .isNull();
        assertThat(FinanceInput.exportKind("Traffic")).isEqualTo(FinanceInput.ExportKind.TRAFFIC);
        assertThat(FinanceInput.format(null)).isEqualTo(ExportFormat.CSV);
        assertThat(FinanceInput.format("xlsx")).isEqualTo(ExportFormat.XLSX);
        assertThat(FinanceInput.by(null)).isEqualTo(MarginExport.By.CUSTOMER);
        assertThat(FinanceInput.by("day")).isEqualTo(MarginExport.By.DAY);
        assertThat(FinanceInput.status("final")).isEqualTo(InvoiceStatus.FINAL);
        assertThat(FinanceInput.status("")).isNull();
    }

    @Test
    void badExportParametersNameTheField() {
        assertField(() -> FinanceInput.calls(config, null, "2026-03-02T00:00:00Z", null, null), "from");
        assertField(() -> FinanceInput.calls(config, "2026-03-01", "2026-03-02T00:00:00Z", null, null), "from");
        assertField(() -> FinanceInput.calls(config, "2026-03-01T00:00:00Z", "yesterday", null, null), "to");
        assertField(() -> FinanceInput.calls(config, "2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z", null, null),
                "to");
        assertField(() -> FinanceInput.calls(config, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "x", null),
                "customer");
        assertField(() -> FinanceInput.calls(config, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", null, "x"),
                "vendor");
        assertField(() -> FinanceInput.exportKind("invoices"), "kind");
        assertField(() -> FinanceInput.format("pdf"), "format");
        assertField(() -> FinanceInput.by("week"), "by");
        assertField(() -> FinanceInput.status("paid"), "status");
    }

    static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
    }
}
