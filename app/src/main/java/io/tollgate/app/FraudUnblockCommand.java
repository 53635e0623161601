package io.tollgate.app;

import io.tollgate.core.instructions.Unblock;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tollgate fraud unblock}: an analyst lifts a block, automatic or not. */
@Command(name = "unblock", mixinStandardHelpOptions = true,
        description = {"Lifts the block of a customer (--customer), or of a customer's calls to a destination"
                + " (--customer and --prefix), by publishing an unblock on " + Topics.INSTRUCTIONS + "; every routing"
                + " agent applies it within a second.",
            "Its version is the current time in milliseconds: newer than any automatic block raised before it, which"
                + " carries the event time of the calls that caused it. A later alert blocks again."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:published", "2:bad input", "1:Kafka did not acknowledge, or any other failure"})
final class FraudUnblockCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "the configuration: where Kafka is (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
    private Path config;

    @Option(names = "--customer", paramLabel = "ID", required = true, description = "the blocked customer")
    private String customer;

    @Option(names = "--prefix", paramLabel = "DIGITS",
            description = "the blocked destination prefix (E.164 digits), for a customer × destination block")
    private String prefix;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "lifted by an analyst",
            description = "why, for the audit trail (default: ${DEFAULT-VALUE})")
    private String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "who lifts it (default: the OS user)")
    private String by;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.INSTRUCTIONS,
            description = "the instructions topic (default: ${DEFAULT-VALUE})")
    private String topic;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        if (loaded.customer(customer).isEmpty()) {
            throw Options.bad("--customer", "no customer '" + customer + "' in " + loaded.source());
        }
        String issuer = Options.user(by, "lifts the block");
        Instant now = Instant.now();
        Unblock unblock;
        try {
            unblock = new Unblock(customer, prefix, null, reason, now.toEpochMilli(), issuer, now);
        } catch (IllegalArgumentException e) {
            throw Options.bad("--prefix", e.getMessage());
        }
        try (InstructionPublisher publisher = InstructionPublisher.connect(loaded.services().kafkaBootstrap(), topic)) {
            publisher.publish(unblock);
        }
        spec.commandLine().getOut().printf("unblocked %s (version %d, by %s)%n", unblock.subject(),
                unblock.version(), issuer);
        return Tollgate.OK;
    }
}
