package io.tollgate.ingest.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportsSectionTest {
    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void withoutTheSectionNothingIsExportedOnSchedule() throws Exception {
        assertThat(files.load(ConfigFiles.VALID).exports()).isEmpty();
    }

    @Test
    void readsEachExportWithItsDefaults() throws Exception {
        List<ScheduledExport> exports = files.load(ConfigFiles.VALID + """
                exports:
                  - name: daily-margin
                    kind: margin
                    cron: "0 6 * * *"
                    range: previous_day
                  - name: weekly-traffic
                    kind: traffic
                    cron: "30 6 * * mon"
                    time_zone: Europe/Berlin
                    range: previous_week
                    format: xlsx
                    out_dir: var/exports
                    customer: acme
                    vendor: vendor-a
                  - name: monthly-margin-by-day
                    kind: margin
                    by: day
                    cron: "0 7 1 * *"
                    range: previous_month
                """).exports();

        assertThat(exports).containsExactly(
                new ScheduledExport("daily-margin", ScheduledExport.Kind.MARGIN, "customer", "0 6 * * *",
                        ZoneOffset.UTC, "previous_day", "csv", dir.resolve("exports"), null, null),
                new ScheduledExport("weekly-traffic", ScheduledExport.Kind.TRAFFIC, null, "30 6 * * mon",
                        ZoneId.of("Europe/Berlin"), "previous_week", "xlsx", dir.resolve("var/exports"), "acme",
                        "vendor-a"),
                new ScheduledExport("monthly-margin-by-day", ScheduledExport.Kind.MARGIN, "day", "0 7 1 * *",
                        ZoneOffset.UTC, "previous_month", "csv", dir.resolve("exports"), null, null));
    }

    @Test
    void everyProblemIsNamedByKeyPathAndLine() throws Exception {
        assertThat(files.problems(ConfigFiles.VALID + """
                exports:
                  - name: daily
                    kind: margin
                    by: country
                    cron: "61 6 * * *"
                    range: yesterday
                  - name: daily
                    kind: traffic
                    by: vendor
                    cron: "0 6 30 2 *"
                    range: previous_day
                    format: pdf
                    customer: initech
                    vendor: vendor-z
                  - name: twice
                    kind: invoice
                    cron: "0 6 * *"
                    time_zone: Mars/Olympus
                    every: day
                  - name: daily
                    kind: unrated
                    cron: "0 6 * * *"
                    range: previous_day
                """)).containsExactlyInAnyOrder(
                "28: exports[0].by: must be one of customer, vendor, destination, day, got 'country'",
                "29: exports[0].cron: must be a cron expression of five fields (minute hour day-of-month month"
                        + " day-of-week), like 0 6 1 * *, got '61 6 * * *'",
                "30: exports[0].range: must be one of previous_day, previous_week, previous_month, got 'yesterday'",
                "33: exports[1].by: only a margin export is grouped; a traffic export has no 'by'",
                "34: exports[1].cron: never comes: no date matches '0 6 30 2 *'",
                "36: exports[1].format: must be one of csv, xlsx, got 'pdf'",
                "37: exports[1].customer: no customer 'initech' in customers",
                "38: exports[1].vendor: no vendor 'vendor-z' in vendors",
                "40: exports[2].kind: must be one of margin, traffic, unrated, got 'invoice'",
                "41: exports[2].cron: must be a cron expression of five fields (minute hour day-of-month month"
                        + " day-of-week), like 0 6 1 * *, got '0 6 * *'",
                "42: exports[2].time_zone: must be a time zone, like Europe/Berlin or UTC, got 'Mars/Olympus'",
                "43: exports[2].every: unknown key (known here: by, cron, customer, format, kind, name, out_dir, range,"
                        + " time_zone, vendor)",
                "39: exports[2].range: required",
                "31: exports[1].name: another export is named 'daily': names begin the file names, so each must be"
                        + " unique",
                "44: exports[3].name: another export is named 'daily': names begin the file names, so each must be"
                        + " unique");
    }
}
