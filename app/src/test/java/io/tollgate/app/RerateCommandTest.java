package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rerate command's bad input, refused before ClickHouse is contacted (the address here answers nothing). */
class RerateCommandTest {
    @TempDir
    Path dir;

    private CommandRun rerate(String deck, String... party) throws IOException {
        Path config = Files.writeString(dir.resolve("tollgate.yaml"), """
                customers:
                  - id: acme
                    name: Acme
                    address: {lines: [Berlin], country: DE}
                    currency: EUR
                    time_zone: UTC
                    billing_cycle: monthly
                    tax_profile: {kind: exempt}
                    limits: {concurrent_calls: 10, cps: 1, credit: 100}
                    endpoints: [customer]
                    deck: acme-deck
                vendors: []
                services:
                  clickhouse: {url: "jdbc:clickhouse://127.0.0.1:1", database: nowhere}
                """);
        Path file = Files.writeString(dir.resolve("new.csv"), deck);
        List<String> args = new ArrayList<>(List.of("rerate", "--config", config.toString(), "--from",
                "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", "--deck", file.toString()));
        args.addAll(List.of(party));
        return CommandRun.of(args.toArray(new String[0]));
    }

    @Test
    void aDeckWithABadRowIsRefusedNamingFileLineAndField() throws IOException {
        CommandRun run = rerate("prefix,rate\n49,0.02\n4x,0.03\n", "--customer", "acme");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("new.csv:3: field 'prefix'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPartyTheConfigurationDoesNotKnowIsRefused() throws IOException {
        CommandRun customer = rerate("prefix,rate\n49,0.02\n", "--customer", "nobody");
        CommandRun vendor = rerate("prefix,rate\n49,0.02\n", "--vendor", "acme");

        assertThat(customer.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(customer.err()).contains("field '--customer': 'nobody' is not a customer of");
        assertThat(vendor.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(vendor.err()).contains("field '--vendor': 'acme' is not a vendor of");
    }

    @Test
    void oneSideAndAPeriodAreRequired() throws IOException {
        CommandRun both = rerate("prefix,rate\n49,0.02\n", "--customer", "acme", "--vendor", "vendor-b");
        CommandRun neither = rerate("prefix,rate\n49,0.02\n");
        CommandRun backwards = CommandRun.of("rerate", "--from", "2026-04-01T00:00:00Z", "--to",
                "2026-03-01T00:00:00Z", "--deck", "x.csv", "--customer", "acme");

        assertThat(both.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(neither.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(backwards.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(backwards.err()).contains("field '--to'");
    }
}
