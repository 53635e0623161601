package io.tollgate.ingest.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads {@code services:}. Each value comes from its environment variable when set, else from the file, else from
 * the local stack's default (the same defaults the commands have). The file's own values are checked even when
 * overridden: the file must be right on every machine, not only on the one where the variable is missing.
 */
final class ServicesReader {
    static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    static final String DEFAULT_CLICKHOUSE = "jdbc:clickhouse://127.0.0.1:8123";
    static final String DEFAULT_DATABASE = "tollgate";
    static final String DEFAULT_CLICKHOUSE_USER = "default";
    static final URI DEFAULT_ARI = URI.create("http://127.0.0.1:8088/ari/");
    static final String DEFAULT_ARI_USER = "tollgate";
    static final URI DEFAULT_FLINK = URI.create("http://127.0.0.1:8081");

    private static final Set<String> KEYS = Set.of("kafka", "clickhouse", "ari", "flink");

    private final EnvironmentOverrides env;
    private final Path configDir;

    ServicesReader(EnvironmentOverrides env, Path configDir) {
        this.env = env;
        this.configDir = configDir;
    }

    ServiceAddresses read(ConfigNode node) {
        node.mapping(KEYS, false);
        ConfigNode kafka = node.get("kafka");
        kafka.mapping(Set.of("bootstrap"), false);
        String bootstrap = value(kafka.get("bootstrap"), EnvironmentOverrides.KAFKA_BOOTSTRAP, ValueFormat.KAFKA_BOOTSTRAP,
                DEFAULT_KAFKA);

        ConfigNode ch = node.get("clickhouse");
        ch.mapping(Set.of("url", "database", "user", "password", "password_file"), false);
        ServiceAddresses.ClickHouse clickhouse = new ServiceAddresses.ClickHouse(
                value(ch.get("url"), EnvironmentOverrides.CLICKHOUSE_URL, ValueFormat.CLICKHOUSE_URL, DEFAULT_CLICKHOUSE),
                value(ch.get("database"), EnvironmentOverrides.CLICKHOUSE_DATABASE, ValueFormat.ID_FORMAT, DEFAULT_DATABASE),
                value(ch.get("user"), EnvironmentOverrides.CLICKHOUSE_USER, ValueFormat.TEXT, DEFAULT_CLICKHOUSE_USER),
                secret(ch, EnvironmentOverrides.CLICKHOUSE_PASSWORD));

        ConfigNode ari = node.get("ari");
        ari.mapping(Set.of("url", "user", "password", "password_file"), false);
        ServiceAddresses.Ari ariAddress = new ServiceAddresses.Ari(
                value(ari.get("url"), EnvironmentOverrides.ARI_URL, ValueFormat.HTTP_URL, DEFAULT_ARI),
                value(ari.get("user"), EnvironmentOverrides.ARI_USER, ValueFormat.TEXT, DEFAULT_ARI_USER),
                secret(ari, EnvironmentOverrides.ARI_PASSWORD));

        ConfigNode flink = node.get("flink");
        flink.mapping(Set.of("rest"), false);
        URI flinkRest = value(flink.get("rest"), EnvironmentOverrides.FLINK_REST, ValueFormat.HTTP_URL, DEFAULT_FLINK);

        return new ServiceAddresses(bootstrap, clickhouse, ariAddress, flinkRest);
    }

    private <T> T value(ConfigNode node, String variable, ValueFormat<T> format, T fallback) {
        T fromFile = node.optional(format, fallback);
        String override = env.get(variable);
        if (override == null) {
            return fromFile;
        }
        ValueFormat.Parsed<T> parsed = format.parse(override.strip());
        if (parsed.problem() != null) {
            node.problems().addEnvironment(variable, parsed.problem());
        }
        return parsed.value();
    }

    /** From the variable, else from {@code password_file}; a {@code password:} key is refused without echoing it. */
    private Secret secret(ConfigNode section, String variable) {
        ConfigNode inline = section.get("password");
        if (inline.isPresent()) {
            inline.problem("passwords never live in this file: give password_file, or set $" + variable);
        }
        ConfigNode fileNode = section.get("password_file");
        String fileName = fileNode.optional(ValueFormat.TEXT, null);
        String override = env.get(variable);
        if (override != null) {
            return Secret.of(override, "$" + variable);
        }
        return fileName == null ? Secret.unset() : fromFile(fileNode, fileName);
    }

    private Secret fromFile(ConfigNode node, String fileName) {
        try {
            Path file = configDir.resolve(fileName);
            // one trailing newline is how editors and `echo` end a file, not part of the password
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
            if (value.isEmpty()) {
                node.problem("the password file " + file + " is empty");
                return null;
            }
            return Secret.of(value, "file " + file);
        } catch (NoSuchFileException e) {
            node.problem("no such password file: " + configDir.resolve(fileName));
        } catch (IOException | InvalidPathException e) {
            node.problem("cannot read the password file: " + e.getMessage());
        }
        return null;
    }
}
