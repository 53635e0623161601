package io.tollgate.app;

import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.TopicSpec;
import io.tollgate.ingest.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate topics}: the Kafka topics of ARCHITECTURE.md, created explicitly (never auto-created). */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates, lists and describes Tollgate's Kafka topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class})
final class TopicsCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:TOLLGATE_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: $TOLLGATE_KAFKA_BOOTSTRAP or ${DEFAULT-VALUE})",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String bootstrap;

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

        @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
                description = "partitions of each topic (default: ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--replication", defaultValue = "1", paramLabel = "N",
                description = "replicas of each partition; 3 on a three-broker cluster (default: ${DEFAULT-VALUE})")
        short replication;

        @Option(names = "--retention-hours", defaultValue = "168", paramLabel = "H",
                description = "how long events are kept; the instructions topic is compacted instead (default: ${DEFAULT-VALUE})")
        long retentionHours;

        @Override
        public Integer call() throws Exception {
            if (partitions < 1 || replication < 1 || retentionHours < 1) {
                throw Options.bad("--partitions/--replication/--retention-hours", "must each be at least 1");
            }
            List<TopicSpec> layout = Topics.layout(partitions, replication, Duration.ofHours(retentionHours));
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap)) {
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
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap)) {
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
            try (TopicAdmin admin = TopicAdmin.connect(parent.bootstrap)) {
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
