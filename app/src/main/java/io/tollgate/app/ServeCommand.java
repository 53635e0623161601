package io.tollgate.app;

import io.tollgate.app.console.AlertsSection;
import io.tollgate.app.console.ApiSection;
import io.tollgate.app.console.AuditLog;
import io.tollgate.app.console.ConsoleServer;
import io.tollgate.app.console.ConsoleSettings;
import io.tollgate.app.console.FinanceSection;
import io.tollgate.app.console.HealthSection;
import io.tollgate.app.console.InstructionsSection;
import io.tollgate.app.console.StatsSection;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.InvoiceSettings;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.Vendor;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.Topics;
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
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tollgate serve}: the long-running side of Tollgate. It runs the configured schedules and, when the
 * configuration has console tokens, the console's HTTP API.
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
            "The console (HTTP API, OpenAPI at /api/openapi.yaml) listens at console.listen when the configuration's"
                + " `console:` section has tokens; --no-console skips it.",
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

    @Option(names = "--no-console", description = "do not start the console even when the configuration has tokens")
    boolean noConsole;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "where the console listens (default: the configuration's console.listen)")
    String listen;

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
        Console console = startConsole(loaded, out);
        scheduler.start();
        out.println("serving; Ctrl-C stops");
        out.flush();
        try {
            stopped.await();
        } finally {
            if (console != null) {
                console.close();
            }
        }
        return Tollgate.OK;
    }

    /** The console and what it holds open; null when it is not started. */
    private Console startConsole(TollgateConfig loaded, PrintWriter out) throws Exception {
        if (noConsole) {
            out.println("console: not started (--no-console)");
            return null;
        }
        ConsoleSettings settings = ConsoleSettings.of(loaded.console());
        if (listen != null) {
            Options.HostPort at = Options.hostPort("--listen", listen);
            settings = settings.withListen(at.host(), at.port());
        }
        if (settings.tokensByValue().isEmpty()) {
            out.println("console: not started (the configuration's console section has no tokens)");
            return null;
        }
        ClickHouseDatabase database = ClickHouseDatabase.of(loaded.services().clickhouse());
        InstructionPublisher publisher = InstructionPublisher.connect(loaded.services().kafkaBootstrap());
        ConsoleServer server = new ConsoleServer(settings, new AuditLog(database),
                sections(loaded, database, publisher));
        Console console = new Console(server, publisher);
        Runtime.getRuntime().addShutdownHook(new Thread(console::close, "console-stop"));
        int port = server.start();
        out.printf("console: http://%s:%d/ (%d tokens; API description at /api/openapi.yaml)%n", settings.host(),
                port, settings.tokensByValue().size());
        return console;
    }

    /**
     * The console's API sections. Another part of the API is one more line here; the paths it adds go into
     * io/tollgate/app/console/openapi.yaml too (ConsoleOpenApiTest holds them together).
     */
    static List<ApiSection> sections(TollgateConfig config, ClickHouseDatabase database,
                                     InstructionPublisher publisher) {
        List<ApiSection> sections = new ArrayList<>();
        sections.add(new HealthSection(database));
        sections.add(new AlertsSection(database));
        sections.add(new InstructionsSection(
                config.customers().stream().map(Customer::id).collect(Collectors.toSet()),
                config.vendors().stream().map(Vendor::id).collect(Collectors.toSet()),
                publisher, config.services().kafkaBootstrap(), Topics.INSTRUCTION_ACKS));
        sections.add(FinanceSection.of(config));
        sections.add(StatsSection.of(config));
        return sections;
    }

    /** The running console and its Kafka producer, closed once (by the shutdown hook or at the end of call). */
    private static final class Console implements AutoCloseable {
        private final ConsoleServer server;
        private final InstructionPublisher publisher;
        private boolean closed;

        Console(ConsoleServer server, InstructionPublisher publisher) {
            this.server = server;
            this.publisher = publisher;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                server.close();
                publisher.close();
            }
        }
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
