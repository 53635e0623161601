package io.tollgate.reports.export;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.ScheduledExport;
import io.tollgate.reports.schedule.PreviousPeriod;
import io.tollgate.reports.schedule.ScheduledTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * What one entry of tollgate.yaml's {@code exports:} does at a slot: the export of the calendar period before the
 * slot, written whole to {@code out_dir/NAME-FROM.EXT}, FROM being the period's first day in the export's zone. A
 * second run for the same period (a restart, a rerun) replaces the same file.
 */
public final class ScheduledExportJob implements ScheduledTask.Work {
    private final ScheduledExport export;
    private final ClickHouseDatabase database;
    private final PreviousPeriod period;
    private final ExportFormat format;

    public ScheduledExportJob(ScheduledExport export, ClickHouseDatabase database) {
        this.export = export;
        this.database = database;
        this.period = PreviousPeriod.named(export.range());
        this.format = ExportFormat.valueOf(export.format().toUpperCase(Locale.ROOT));
    }

    /** The task that runs this export on its schedule. */
    public static ScheduledTask task(ScheduledExport export, ClickHouseDatabase database) {
        return ScheduledTask.of("export " + export.name(), export.cron(), export.zone(),
                new ScheduledExportJob(export, database));
    }

    @Override
    public void run(ZonedDateTime slot) throws IOException, SQLException {
        write(period.before(slot.withZoneSameInstant(export.zone())));
    }

    /** Exports {@code range} to its file; returns the file. */
    public Path write(PreviousPeriod.Range range) throws IOException, SQLException {
        CallSelection calls = new CallSelection(range.from().toInstant(), range.to().toInstant(), export.customer(),
                export.vendor());
        ExportTable table = switch (export.kind()) {
            case MARGIN -> {
                MarginExport.By by = MarginExport.By.valueOf(export.by().toUpperCase(Locale.ROOT));
                yield MarginExport.table(by, new MarginExport(database).rows(calls, by));
            }
            case TRAFFIC -> new TrafficExport(database).table(calls);
            case UNRATED -> new UnratedExport(database).table(calls);
        };
        Path file = file(range);
        Files.createDirectories(file.getParent());
        format.write(table, file);
        return file;
    }

    /** {@code out_dir/NAME-FROM.EXT}, like {@code exports/daily-margin-2026-03-01.csv}. */
    public Path file(PreviousPeriod.Range range) {
        return export.outDir().resolve(export.name() + "-" + range.from().toLocalDate() + "." + format.extension());
    }
}
