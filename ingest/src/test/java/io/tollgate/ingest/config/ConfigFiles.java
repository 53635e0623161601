package io.tollgate.ingest.config;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes configuration files for tests into a folder that also holds the decks they name. */
final class ConfigFiles {
    /** A small valid configuration; tests break one thing in it. */
    static final String VALID = """
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
            """;

    private final Path dir;

    ConfigFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("decks"));
        Files.writeString(dir.resolve("decks/acme.csv"), "prefix,rate\n44,0.02\n");
        Files.writeString(dir.resolve("decks/vendor-a.csv"), "prefix,rate\n44,0.01\n");
    }

    Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("tollgate.yaml"), yaml, StandardCharsets.UTF_8);
    }

    Path dir() {
        return dir;
    }

    TollgateConfig load(String yaml) throws Exception {
        return TollgateConfig.load(write(yaml), Map.of());
    }

    TollgateConfig load(String yaml, Map<String, String> env) throws Exception {
        return TollgateConfig.load(write(yaml), env);
    }

    /** The problems loading reports, each as {@code line: path: message}. */
    List<String> problems(String yaml) throws IOException {
        return problems(yaml, Map.of());
    }

    List<String> problems(String yaml, Map<String, String> env) throws IOException {
        Path file = write(yaml);
        try {
            TollgateConfig.load(file, env);
        } catch (BadInputException e) {
            return e.problems().stream().map(ConfigFiles::line).toList();
        }
        throw new AssertionError("expected problems, but it loaded:\n" + yaml);
    }

    private static String line(InputProblem p) {
        return (p.source().equals("environment") ? "env" : Long.toString(p.line())) + ": " + p.field() + ": " + p.message();
    }
}
