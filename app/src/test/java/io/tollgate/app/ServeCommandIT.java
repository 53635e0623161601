package io.tollgate.app;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.reports.invoice.InvoiceStore;
import io.tollgate.reports.schedule.ScheduledTask;
import io.tollgate.reports.schedule.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate serve}'s wiring: the tasks it builds from a configuration's {@code exports:}, run by the scheduler
 * at a fixed instant (no thread, no sleeping) against a scratch ClickHouse database.
 */
class ServeCommandIT {
    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path dir;
    private String url;
    private String database;

    @BeforeEach
    void storedCalls() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_serve_");
        // 1 March in Berlin is [2026-02-28T23:00Z, 2026-03-01T23:00Z)
        new RatedCdrTable(new ClickHouseDatabase(url, database, ScratchStack.credentials())).insert(List.of(
                call("berlin-early", Instant.parse("2026-02-28T23:30:00Z"), "1.000000", "0.400000"),
                call("berlin-noon", Instant.parse("2026-03-01T11:00:00Z"), "2.000000", "1.500000"),
                call("berlin-next-day", Instant.parse("2026-03-01T23:30:00Z"), "9.000000", "1.000000")),
                RatedCdrTable.STREAM_VERSION, "stream");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void eachConfiguredExportRunsAtItsSlotAndWritesThePeriodBeforeIt() throws Exception {
        TollgateConfig config = config("""
                exports:
                  - name: daily-margin
                    kind: margin
                    cron: "0 6 * * *"
                    time_zone: Europe/Berlin
                    range: previous_day
                    out_dir: out
                  - name: monthly-traffic
                    kind: traffic
                    cron: "0 7 1 * *"
                    time_zone: Europe/Berlin
                    range: previous_month
                    format: xlsx
                    out_dir: out
                """);
        List<ScheduledTask> tasks = ServeCommand.tasks(config);
        Scheduler scheduler = new Scheduler(tasks, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
        StringWriter printed = new StringWriter();
        ServeCommand.describe(tasks, scheduler.nextSlots(), new PrintWriter(printed, true));

        List<Scheduler.Run> runs = scheduler.runDue(Instant.parse("2026-03-02T05:00:00Z"));

        assertThat(printed.toString()).isEqualToNormalizingNewlines("""
                export daily-margin: '0 6 * * *' in Europe/Berlin, next 2026-03-02T06:00+01:00
                export monthly-traffic: '0 7 1 * *' in Europe/Berlin, next 2026-04-01T07:00+02:00
                """);
        assertThat(runs).extracting(Scheduler.Run::task).containsExactly("export daily-margin");
        assertThat(runs.get(0).failure()).isNull();
        Path file = dir.resolve("out/daily-margin-2026-03-01.csv");
        // the two calls of 1 March in Berlin: 3.00 revenue, 1.90 cost; not the one of 2 March 00:30 Berlin time
        assertThat(Files.readAllLines(file)).containsExactly(
                "customer,currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct",
                "acme,EUR,2,2,2.00,3.000000,1.900000,1.100000,36.67");
        assertThat(dir.resolve("out")).isDirectoryNotContaining("glob:**.part");

        // a rerun for the same slot replaces the same file
        Files.writeString(file, "stale");
        tasks.get(0).work().run(runs.get(0).slot());
        assertThat(Files.readAllLines(file)).hasSize(2).last().isEqualTo("acme,EUR,2,2,2.00,3.000000,1.900000,"
                + "1.100000,36.67");
        assertThat(dir.resolve("out")).isDirectoryContaining("glob:**daily-margin-2026-03-01.csv")
                .isDirectoryNotContaining("glob:**monthly-traffic*");
    }

    @Test
    void aFailingExportIsReportedAndTheOthersStillRun() throws Exception {
        TollgateConfig config = config("""
                exports:
                  - name: blocked
                    kind: unrated
                    cron: "0 6 * * *"
                    range: previous_day
                    out_dir: blocked
                  - name: daily-traffic
                    kind: traffic
                    cron: "0 6 * * *"
                    range: previous_day
                    out_dir: out
                """);
        // a file where the first export's folder would be: it cannot write there
        Files.writeString(dir.resolve("blocked"), "not a folder");
        Scheduler scheduler = new Scheduler(ServeCommand.tasks(config),
                Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

        List<Scheduler.Run> runs = scheduler.runDue(Instant.parse("2026-03-02T06:00:00Z"));

        assertThat(runs).extracting(Scheduler.Run::task).containsExactly("export blocked", "export daily-traffic");
        assertThat(runs.get(0).succeeded()).isFalse();
        assertThat(runs.get(1).succeeded()).isTrue();
        // the UTC day 1 March: the calls at 11:00 and 23:30 UTC, stored without attempts (one each on vendor-a)
        assertThat(Files.readAllLines(dir.resolve("out/daily-traffic-2026-03-01.csv"))).containsExactly(
                "vendor,destination,prefix,attempts,answered,asr_pct,ner_pct,billed_minutes,acd_min,pdd_ms",
                "vendor-a,\"country +44\",44,2,2,100.00,100.00,2.00,1.00,");
    }

    @Test
    void aScheduledInvoiceRunInvoicesEachCustomersLatestEndedPeriod() throws Exception {
        TollgateConfig config = config("""
                invoices:
                  output_dir: invoices
                  schedules:
                    - {cron: "0 6 * * *", time_zone: Europe/Berlin}
                """);
        Scheduler scheduler = new Scheduler(ServeCommand.tasks(config),
                Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));

        // 06:00 in Berlin on 1 April is 04:00 UTC: March has ended for acme
        List<Scheduler.Run> runs = scheduler.runDue(Instant.parse("2026-04-01T05:00:00Z"));

        assertThat(runs).singleElement().satisfies(r -> assertThat(r.failure()).isNull());
        List<InvoiceStore.Stored> invoices = new InvoiceStore(new ClickHouseDatabase(url, database,
                ScratchStack.credentials())).forCustomer("acme");
        assertThat(invoices).singleElement().satisfies(s -> {
            assertThat(s.invoice().period().first()).isEqualTo("2026-03-01");
            assertThat(s.invoice().coverage().calls()).isEqualTo(3);
            assertThat(s.invoice().amounts().net()).isEqualByComparingTo("12.00");
        });
        assertThat(dir.resolve("invoices/acme")).isDirectoryContaining("glob:**draft-*.pdf");
    }

    @Test
    void helpDescribesItAndABadConfigurationIsBadInput() throws Exception {
        CommandRun help = CommandRun.of("serve", "--help");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "exports:\n  - name: x\n    kind: margin\n"
                + "    cron: \"0 6 * *\"\n    range: previous_day\n");
        CommandRun run = CommandRun.of("serve", "--config", bad.toString());

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Runs Tollgate's scheduled work until stopped").contains("exports:");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("exports[0].cron");
    }

    /** A configuration of one customer and one vendor, on the scratch database, with {@code exports}. */
    private TollgateConfig config(String exports) throws Exception {
        Files.createDirectories(dir.resolve("decks"));
        Files.writeString(dir.resolve("decks/acme.csv"), "prefix,rate\n44,0.02\n");
        Files.writeString(dir.resolve("decks/vendor-a.csv"), "prefix,rate\n44,0.01\n");
        Path file = Files.writeString(dir.resolve("tollgate.yaml"), """
                customers:
                  - id: acme
                    name: Acme
                    address:
                      lines: [Main Street 1, 10117 Berlin]
                      country: DE
                    currency: EUR
                    time_zone: Europe/Berlin
                    billing_cycle: monthly
                    tax_profile: {kind: standard, rate: 0.19}
                    limits:
                      concurrent_calls: 10
                      cps: 2
                      credit: 100.50
                    endpoints: [customer]
                    deck: decks/acme.csv
                vendors:
                  - id: vendor-a
                    name: Vendor A
                    currency: EUR
                    trunks:
                      - endpoint: vendor-a
                        capacity: 30
                    deck: decks/vendor-a.csv
                services:
                  clickhouse:
                    url: %s
                    database: %s
                """.formatted(url, database) + exports);
        return TollgateConfig.load(file, Map.of());
    }

    /** An answered call of 60 s (billed 60 s on both legs) to a UK number, carried by vendor-a. */
    private static RatedCdr call(String id, Instant setup, String revenue, String cost) {
        Instant answer = setup.plusSeconds(5);
        Cdr cdr = new Cdr(id, "acme", "4930111", "4471234567", setup, answer, answer.plusSeconds(60),
                new BigDecimal("60"), Disposition.ANSWERED, 16, List.of());
        return RatedCdr.rated(cdr, "vendor-a", new RatedLeg("acme", 1, EUR, "44", new BigDecimal("0.1"), 60,
                new BigDecimal(revenue)), new RatedLeg("vendor-a", 1, EUR, "44", new BigDecimal("0.05"), 60,
                new BigDecimal(cost)), BigDecimal.ONE);
    }
}
