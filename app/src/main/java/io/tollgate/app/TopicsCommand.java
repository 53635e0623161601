package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.TopicSettings;
import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.TopicSpec;
import io.tollgate.ingest.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tollgate topics}: the Kafka topics of ARCHITECTURE.md, created explicitly (never auto-created). */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates, lists and describes Tollgate's Kafka topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class})
final class TopicsCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", description = KafkaAddress.DESCRIPTION,
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE",
            description = "tollgate.yaml with the services and topics sections (default: $TOLLGATE_CONFIG, else"
                    + " ./tollgate.yaml when it exists)",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    Path config;

    /** The configuration named by --config or $TOLLGATE_CONFIG, else ./tollgate.yaml if present, else none. */
    Optional<TollgateConfig> configuration() throws BadInputException {
        Path file = configFile(System.getenv());
        return file == null ? Optional.empty() : Optional.of(TollgateConfig.load(file));
    }

    /** --bootstrap, else $TOLLGATE_KAFKA_BOOTSTRAP, else the configuration's address, else the default. */
    String bootstrap() throws BadInputException {
        return bootstrap(System.getenv());
    }

    /** {@link #bootstrap()} in the environment {@code env}. */
    String bootstrap(Map<String, String> env) throws BadInputException {
        return KafkaAddress.resolve(bootstrap, configFile(env), env);
    }

    private Path configFile(Map<String, String> env) {
        return ClickHouseAddress.configFile(config, env, ClickHouseAddress.LOCAL_CONFIG);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates every Tollgate topic that does not exist yet (existing ones are left as they are).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private TopicsCommand parent;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--partitions", paramLabel = "N",
                description = "partitions of each topic (default: the configuration's topics.partitions, else 4)")
        Integer partitions;

        @Option(names = "--replication", paramLabel = "N",
                description = "replicas of each partition; 3 on a three-broker cluster (default: the"
                        + " configuration's topics.replication, else 1)")
        Short replication;

        @Option(names = "--retention-hours", paramLabel = "H",
                description = "how long events are kept; the instructions topic is compacted instead (default: the"
                        + " configuration's topics.retention_hours, else 168)")
        Long retentionHours;

        @Override
        public Integer call() throws Exception {
            TopicSettings configured = parent.configuration().map(TollgateConfig::topics).orElse(TopicSettings.DEFAULT);
            int p = partitions != null ? partitions : configured.partitions();
            short r = replication != null ? replication : configured.replication();
            long hours = retentionHours != null ? retentionHours : configured.retention().toHours();
            if (p < 1 || r < 1 || hours < 1) {
                throw Options.bad("--partitions/--replication/--retention-hours", "must each be at least 1");
            }
            List<TopicSpec> layout = Topics.layout(p, r, Duration.ofHours(hours));
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap())) {
                List<String> created = admin.create(layout);
                PrintWriter out = spec.commandLine().getOut();
                for (TopicSpec topic : layout) {
                    out.println(topic.name() + (created.contains(topic.name()) ? " created" : " exists"));
                }
            }
            return Tollgate.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every topic on the cluster.")
    static final class ListTopics implements Callable<Integer> {
        @ParentCommand
        private TopicsCommand parent;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap())) {
                admin.list().forEach(spec.commandLine().getOut()::println);
            }
            return Tollgate.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Shows partitions, replication and configs of Tollgate's topics (or of the named ones).")
    static final class Describe implements Callable<Integer> {
        @ParentCommand
        private TopicsCommand parent;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "TOPIC", arity = "0..*", description = "topics (default: all of Tollgate's)")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap())) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("topic,partitions,replication,configs");
                for (TopicAdmin.TopicState t : admin.describe(names == null || names.isEmpty() ? Topics.ALL : names)) {
                    out.println(t.name() + "," + t.partitions() + "," + t.replication() + ",\"" + t.configs() + "\"");
                }
            }
            return Tollgate.OK;
        }
    }
}
