package io.tollgate.app;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.FraudRulePublisher;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.rules.FraudRuleBook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tollgate fraud deploy}: the configuration's rules and thresholds to the running fraud job. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Compiles the rules with the configuration's thresholds, checks that every threshold, exemption"
                + " and schedule names a rule that reads it, and publishes the set on " + Topics.FRAUD_RULES + ".",
            "A running fraud job takes it within seconds, without a restart; one that starts later reads it from"
                + " the topic. The version is the publishing time in milliseconds, so a later deploy always wins."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:published", "2:bad input: nothing was published",
            "1:Kafka did not acknowledge, or any other failure"})
final class FraudDeployCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private FraudCommand.RuleSource source;

    @Option(names = "--by", paramLabel = "NAME", description = "who deploys (default: the OS user)")
    private String by;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.FRAUD_RULES,
            description = "the rules topic (default: ${DEFAULT-VALUE})")
    private String topic;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = source.load();
        String issuer = Options.user(by, "deploys the rules");
        Instant now = Instant.now();
        FraudRuleSet set = source.ruleSet(loaded).issued(now.toEpochMilli(), issuer, now);
        FraudRuleBook book = source.book(loaded, set);
        try (FraudRulePublisher publisher = FraudRulePublisher.connect(loaded.services().kafkaBootstrap(), topic)) {
            publisher.publish(set);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("fraud rule set version %d (%d rules, %d high-risk prefixes) published on %s by %s%n",
                set.version(), book.rules().rules().size(), set.highRisk().size(), topic, issuer);
        return Tollgate.OK;
    }
}
