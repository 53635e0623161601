package io.tollgate.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCommandTest {
    @TempDir
    Path decks;

    @BeforeEach
    void vendors() throws IOException {
        Files.writeString(decks.resolve("beta.csv"), "prefix,rate\n44,0.020\n447,0.030\n");
        Files.writeString(decks.resolve("alpha.csv"), "rate,prefix\n0.030,447\n");
        Files.writeString(decks.resolve("gamma.csv"), """
                prefix,rate,effective_from,effective_to
                4479,0.010,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z
                """);
        Files.writeString(decks.resolve("delta.csv"), "prefix,rate\n33,0.001\n");
        Files.writeString(decks.resolve("notes.txt"), "not a deck");
    }

    private CommandRun route(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "route";
        args[1] = "--decks";
        args[2] = decks.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CommandRun.of(args);
    }

    @Test
    void cheapestFirstThenVendorIdWithTheLongestEffectivePrefixPerVendor() {
        CommandRun run = route("--number", "+44 7911 123456", "--at", "2026-01-15T12:00:00Z");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "vendor,prefix,rate",
                "gamma,4479,0.010",
                "alpha,447,0.030",
                "beta,447,0.030");
    }

    @Test
    void aVendorWhoseOnlyRowIsNotEffectiveThenIsAbsent() {
        CommandRun run = route("--number", "447911123456", "--at", "2026-02-01T00:00:00Z");

        assertThat(run.lines()).containsExactly("vendor,prefix,rate", "alpha,447,0.030", "beta,447,0.030");
    }

    @Test
    void maxRateLeavesOutCostlierVendorsAndLimitCutsTheList() {
        assertThat(route("--number", "447911123456", "--at", "2026-01-15T12:00:00+02:00", "--max-rate", "0.02")
                .lines()).containsExactly("vendor,prefix,rate", "gamma,4479,0.010");
        assertThat(route("--number", "447911123456", "--at", "2026-01-15T12:00:00Z", "--max-rate", "0.03")
                .lines()).hasSize(4);
        assertThat(route("--number", "447911123456", "--at", "2026-01-15T12:00:00Z", "--limit", "2")
                .lines()).containsExactly("vendor,prefix,rate", "gamma,4479,0.010", "alpha,447,0.030");
    }

    @Test
    void aNumberNoVendorCoversGivesOnlyTheHeader() {
        CommandRun run = route("--number", "81312345678");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("vendor,prefix,rate");
    }

    @Test
    void badOptionsAndBadDecksAreBadInput() throws IOException {
        assertThat(route("--number", "44-abc").err()).contains("--number");
        assertThat(route("--number", "44-abc").exitCode()).isEqualTo(2);
        assertThat(route("--number", "447911", "--at", "tomorrow").exitCode()).isEqualTo(2);
        assertThat(route("--number", "447911", "--max-rate", "-1").exitCode()).isEqualTo(2);
        assertThat(route("--number", "447911", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("route", "--decks", decks.resolve("none").toString(), "--number", "44")
                .exitCode()).isEqualTo(2);

        Files.writeString(decks.resolve("broken.csv"), "prefix,rate\n44,0.01\n44,0.02\n");
        CommandRun run = route("--number", "447911");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("broken.csv:2: field 'prefix'").contains("broken.csv:3: field 'prefix'");
    }
}
