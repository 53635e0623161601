package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate fraud alerts}: the latest alerts from ClickHouse. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Lists the latest fraud alerts stored in ClickHouse, newest update first, as CSV: "
                + FraudAlertsCommand.HEADER + ".")
final class FraudAlertsCommand implements Callable<Integer> {
    static final String HEADER = "alert_id,rule,severity,customer,subject,calls,action,raised_at,updated_at,evidence";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N (default: 50)")
    private int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw Options.bad("--limit", "must be at least 1, got " + limit);
        }
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), List.of(HEADER.split(",")))) {
                for (FraudAlertTable.Row r : new FraudAlertTable(clickhouse.clickHouse()).recent(limit)) {
                    csv.row(r.alertId(), r.ruleId(), r.severity(), r.customer(), r.subject(), Long.toString(r.calls()),
                            r.action(), r.raisedAt().toString(), r.updatedAt().toString(), r.evidence());
                }
            }
            output.commit();
        }
        return Tollgate.OK;
    }
}
