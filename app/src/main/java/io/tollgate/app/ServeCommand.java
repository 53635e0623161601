package io.tollgate.app;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.InvoiceSettings;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.export.ScheduledExportJob;
import io.tollgate.reports.invoice.ScheduledInvoiceRun;
import io.tollgate.reports.schedule.ScheduledTask;
import io.tollgate.reports.schedule.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tollgate serve}: the long-running side of Tollgate. For now it runs the configured schedules; the console
 * (HTTP API and dashboard) joins it later.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Tollgate's scheduled work until stopped (Ctrl-C or SIGTERM).",
            "Now: the finance exports of tollgate.yaml's `exports:` section. Each runs at the slots of its cron"
                + " schedule (wall-clock time in its time_zone) and exports the calendar period before the slot"
                + " (previous_day, previous_week from Monday, previous_month) to out_dir/NAME-FIRSTDAY.csv|xlsx;"
                + " a rerun for the same period replaces the file.",
            "And the invoice runs of `invoices.schedules`: at each slot every customer's latest ended period is"
                + " invoiced (drafts rebuilt, or finalised with final: true; a final invoice is left as it is), its PDF"
                + " and CSV written to invoices.output_dir.",
            "Prints each schedule and its next slot at start. Slots that passed while serve was not running are"
                + " not caught up: export them with `tollgate export`. A failing export is logged, and runs again"
                + " at its next slot.",
            "ClickHouse is the one of the configuration's `services:` (with its environment overrides)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"130:stopped by Ctrl-C (143: by SIGTERM), after a running export finished",
            "2:bad input (the configuration; every problem is listed)", "1:any other failure"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "the configuration (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
    Path config;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        List<ScheduledTask> tasks = tasks(loaded);
        Scheduler scheduler = new Scheduler(tasks, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        // the JVM waits for shutdown hooks, not for this thread: the hook lets a running export finish
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            stopped.countDown();
        }, "serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        describe(tasks, scheduler.nextSlots(), out);
        scheduler.start();
        out.println("serving; Ctrl-C stops");
        out.flush();
        stopped.await();
        return Tollgate.OK;
    }

    /** Everything serve runs on a schedule. Another kind of scheduled work is one more line here. */
    static List<ScheduledTask> tasks(TollgateConfig config) {
        List<ScheduledTask> tasks = new ArrayList<>();
        tasks.addAll(exportTasks(config));
        tasks.addAll(invoiceTasks(config));
        return tasks;
    }

    /** One task per entry of {@code exports:}. */
    static List<ScheduledTask> exportTasks(TollgateConfig config) {
        ClickHouseDatabase database = ClickHouseDatabase.of(config.services().clickhouse());
        return config.exports().stream().map(e -> ScheduledExportJob.task(e, database)).toList();
    }

    /** One task per entry of {@code invoices.schedules}. */
    static List<ScheduledTask> invoiceTasks(TollgateConfig config) {
        ClickHouseDatabase database = ClickHouseDatabase.of(config.services().clickhouse());
        List<InvoiceSettings.Schedule> schedules = config.invoices().schedules();
        return java.util.stream.IntStream.range(0, schedules.size())
                .mapToObj(i -> ScheduledInvoiceRun.task(i + 1, schedules.get(i), config, database)).toList();
    }

    static void describe(List<ScheduledTask> tasks, Map<String, ZonedDateTime> next, PrintWriter out) {
        if (tasks.isEmpty()) {
            out.println("no schedules (the configuration has no exports and no invoices.schedules)");
        }
        for (ScheduledTask task : tasks) {
            ZonedDateTime slot = next.get(task.name());
            out.printf("%s: '%s' in %s, next %s%n", task.name(), task.cron().asString(), task.zone(),
                    slot == null ? "never (no date matches)" : slot.toOffsetDateTime());
        }
    }
}
