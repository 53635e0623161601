package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.deadletter.DeadLetterTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate deadletter}: every refused input, from ClickHouse {@code dead_letters}. */
@Command(name = "deadletter",
        mixinStandardHelpOptions = true,
        description = "Lists and shows refused inputs (ClickHouse dead_letters).",
        subcommands = {DeadLetterCommand.ListLetters.class, DeadLetterCommand.Show.class})
final class DeadLetterCommand implements Runnable {
    private static final int REASON_WIDTH = 120;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists refused inputs, newest first, as CSV: refused_at,origin,position,batch,refused_by,reason.")
    static final class ListLetters implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClickHouseAddress clickhouse;

        @Option(names = "--origin", paramLabel = "FILE|TOPIC", description = "only this file name or topic")
        String origin;

        @Option(names = "--batch", paramLabel = "ID", description = "only this run, such as a CDR import id")
        String batch;

        @Option(names = "--since", paramLabel = "ISO-TIME", description = "only those refused at or after this time")
        String since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "at most N (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            DeadLetterTable.Query query = new DeadLetterTable.Query(origin, null, batch,
                    since == null ? null : Options.time("--since", since), limit);
            if (limit < 1) {
                throw Options.bad("--limit", "must be at least 1");
            }
            try (Connection db = clickhouse.connect()) {
                List<DeadLetter> letters = new DeadLetterTable(db).find(query);
                PrintWriter out = spec.commandLine().getOut();
                CsvOutput csv = CsvOutput.open(out, List.of("refused_at", "origin", "position", "batch", "refused_by", "reason"));
                for (DeadLetter l : letters) {
                    String reason = l.reason().length() > REASON_WIDTH ? l.reason().substring(0, REASON_WIDTH) + "..." : l.reason();
                    csv.row(l.refusedAt().toString(), l.origin().source(), Long.toString(l.origin().position()), l.batch(),
                            l.refusedBy(), reason);
                }
                csv.flush();
            }
            return Tollgate.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows refused inputs whole, as their tollgate.dead-letter JSON, one per line.")
    static final class Show implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClickHouseAddress clickhouse;

        @Parameters(paramLabel = "ORIGIN:POSITION", description = "a file and line (Master.csv:12), or a topic and"
                + " offset (tollgate.call-events:1234), as listed")
        String where;

        @Option(names = "--batch", paramLabel = "ID", description = "only this run")
        String batch;

        @Override
        public Integer call() throws Exception {
            int colon = where.lastIndexOf(':');
            long position;
            try {
                position = Long.parseLong(where.substring(colon + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw Options.bad("ORIGIN:POSITION", "'" + where + "' is not FILE:LINE or TOPIC:OFFSET");
            }
            if (colon <= 0) {
                throw Options.bad("ORIGIN:POSITION", "'" + where + "' is not FILE:LINE or TOPIC:OFFSET");
            }
            try (Connection db = clickhouse.connect()) {
                List<DeadLetter> letters = new DeadLetterTable(db).find(
                        new DeadLetterTable.Query(where.substring(0, colon), position, batch, null, 1000));
                if (letters.isEmpty()) {
                    spec.commandLine().getErr().println("tollgate deadletter show: nothing refused at " + where);
                    return Tollgate.FAILURE;
                }
                PrintWriter out = spec.commandLine().getOut();
                letters.forEach(l -> out.println(new String(DeadLetterJson.encode(l), StandardCharsets.UTF_8)));
            }
            return Tollgate.OK;
        }
    }
}
