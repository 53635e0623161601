package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCommandTest {
    private static final String SECRET = "s3cret-n0t-for-pr1nt";

    @TempDir
    Path dir;

    /** The shipped tollgate.yaml, at the root of the checkout (tests run in the module's folder). */
    private static Path example() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tollgate.yaml")) && Files.isDirectory(d.resolve("app"))) {
                return d.resolve("tollgate.yaml");
            }
        }
        throw new AssertionError("no tollgate.yaml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void checksTheExampleAndPrintsASummary() {
        CommandRun run = CommandRun.of("config", "check", "--config", example().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tollgate.yaml: ok")
                .contains("customers: 3")
                .contains("  acme (Acme Telecom GmbH): EUR, Europe/Berlin, monthly from day 1; endpoints customer;")
                .contains("vendors: 3 (3 trunks)")
                .contains("  vendor-a (Vendor A (simulated)): EUR; trunks vendor-a x60;")
                .contains("fraud: the shipped checklist; 20 high-risk prefixes; 2 default thresholds overridden;"
                        + " own thresholds, exemptions or schedules for 2 customers")
                .contains("  kafka: ", "  clickhouse: ", "  ari: ", "  flink: ");
    }

    @Test
    void passwordsArePrintedMasked() throws IOException {
        Files.writeString(dir.resolve("ari-password"), SECRET + "\n");
        Path config = Files.writeString(dir.resolve("tollgate.yaml"), "services: {ari: {password_file: ari-password}}\n");

        CommandRun run = CommandRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("customers: 0").contains("password ******").doesNotContain(SECRET);
    }

    @Test
    void everyProblemIsListedWithLineAndKeyPathAndExitIsTwo() throws IOException {
        Path config = Files.writeString(dir.resolve("tollgate.yaml"), """
                vendors:
                  - id: vendor-a
                    name: A
                    currency: EUR
                    trunks:
                      - endpoint: vendor-a
                        capacity: 0
                    deck: decks/missing.csv
                services:
                  ari: {password: %s}
                """.formatted(SECRET));

        CommandRun run = CommandRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("tollgate.yaml:7: field 'vendors[0].trunks[0].capacity': must be a whole number >= 1, got '0'")
                .contains("tollgate.yaml:8: field 'vendors[0].deck': no such deck file: ")
                .contains("tollgate.yaml:10: field 'services.ari.password': passwords never live in this file")
                .doesNotContain(SECRET);
    }

    @Test
    void aMissingFileIsBadInput() {
        CommandRun run = CommandRun.of("config", "check", "--config", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.yaml: no such file");
    }

    @Test
    void helpNamesTheDefaultAndTheOverrides() {
        CommandRun run = CommandRun.of("config", "check", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config", "$TOLLGATE_CONFIG", "tollgate.yaml", "TOLLGATE_ARI_PASSWORD");
    }
}
