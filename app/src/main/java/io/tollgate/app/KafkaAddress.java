package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.ingest.config.EnvironmentOverrides;
import io.tollgate.ingest.config.TollgateConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Kafka is, for every command that talks to it and takes {@code --bootstrap}: the option, else
 * {@code $TOLLGATE_KAFKA_BOOTSTRAP}, else the configuration's {@code services.kafka.bootstrap}, else the local stack's
 * {@value #DEFAULT_BOOTSTRAP}. The configuration is found as for ClickHouse ({@link ClickHouseAddress#configFile}):
 * the command's own {@code --config} ({@link #configuredBy}), else {@code $TOLLGATE_CONFIG}, else
 * {@code ./tollgate.yaml} when it exists; none at all is no error, an invalid one is refused naming file, line and
 * field. It is read only when Kafka is reached.
 */
final class KafkaAddress {
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    /** The help of every {@code --bootstrap}. */
    static final String DESCRIPTION = "Kafka bootstrap servers (default: $" + EnvironmentOverrides.KAFKA_BOOTSTRAP
            + ", else the configuration's services.kafka.bootstrap, else " + DEFAULT_BOOTSTRAP + ")";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", description = DESCRIPTION)
    private String bootstrap;

    private Path commandConfig;
    private String resolved;

    /** For a command with its own {@code --config}: that file, rather than $TOLLGATE_CONFIG or ./tollgate.yaml. */
    KafkaAddress configuredBy(Path configFile) {
        if (!Objects.equals(configFile, commandConfig)) {
            commandConfig = configFile;
            resolved = null;
        }
        return this;
    }

    /** The bootstrap servers in force, resolved once from the option, the process environment and the configuration. */
    String bootstrap() throws BadInputException {
        if (resolved == null) {
            Map<String, String> env = System.getenv();
            resolved = resolve(ClickHouseAddress.configFile(commandConfig, env, ClickHouseAddress.LOCAL_CONFIG), env);
        }
        return resolved;
    }

    /** This command line's {@code --bootstrap} over {@link #resolve(String, Path, Map)}. */
    String resolve(Path configFile, Map<String, String> env) throws BadInputException {
        return resolve(bootstrap, configFile, env);
    }

    /**
     * {@code option} if given, else {@code configFile}'s {@code services.kafka.bootstrap}, which {@code env} overrides
     * as the configuration always is ({@link TollgateConfig#load(Path, Map)}); without a file, the variable, else the
     * default. A named file is read even when the option is given, so an invalid one is refused on every machine.
     */
    static String resolve(String option, Path configFile, Map<String, String> env) throws BadInputException {
        String configured;
        if (configFile != null) {
            configured = TollgateConfig.load(configFile, env).services().kafkaBootstrap();
        } else {
            String variable = env.get(EnvironmentOverrides.KAFKA_BOOTSTRAP);
            configured = variable == null || variable.isBlank() ? DEFAULT_BOOTSTRAP : variable.strip();
        }
        return option != null ? option : configured;
    }
}
