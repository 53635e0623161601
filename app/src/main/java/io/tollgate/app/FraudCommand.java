package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.rules.FraudRuleBook;
import io.tollgate.rules.RuleSetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code tollgate fraud}: the fraud rules, offline tests of them, deploying them, and lifting automatic blocks. */
@Command(name = "fraud",
        mixinStandardHelpOptions = true,
        description = {"The fraud analysts' commands: list the rules and their thresholds, test a rule file on"
                + " recorded traffic, deploy rules and thresholds to the running fraud job, lift a block, list alerts.",
            "Rules and thresholds come from the `fraud` section of the configuration (see tollgate.yaml)."},
        subcommands = {FraudRulesCommand.class, FraudTestCommand.class, FraudDeployCommand.class,
            FraudUnblockCommand.class, FraudAlertsCommand.class})
final class FraudCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --config and --rules, shared by the commands that compile a rule set. */
    static final class RuleSource {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
                description = "the configuration; its `fraud` section holds thresholds, schedules, exemptions and"
                        + " the high-risk list (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
        Path config;

        @Option(names = "--rules", paramLabel = "FILE.drl",
                description = "a Drools rule file to use instead of the configuration's (fraud.rules) or the"
                        + " shipped checklist")
        Path rules;

        TollgateConfig load() throws BadInputException {
            return TollgateConfig.load(config);
        }

        /** The configuration's rule set, with --rules in place of its rule file if given. */
        FraudRuleSet ruleSet(TollgateConfig loaded) throws IOException, BadInputException {
            FraudRuleSet set = loaded.fraud();
            if (rules == null) {
                return set;
            }
            if (!Files.isRegularFile(rules)) {
                throw Options.bad("--rules", rules + ": no such file");
            }
            return new FraudRuleSet(set.version(), set.issuer(), set.issuedAt(),
                    Files.readString(rules, StandardCharsets.UTF_8), rules.toString(), set.defaults(), set.customers(),
                    set.exempt(), set.schedules(), set.highRisk(), set.blocks());
        }

        /** Compiles and checks the rule set; every problem becomes bad input naming where it is. */
        FraudRuleBook book(TollgateConfig loaded, FraudRuleSet set) throws BadInputException {
            try {
                return FraudRuleBook.of(set, loaded.customerZones());
            } catch (RuleSetException e) {
                String source = set.drlSource() != null ? set.drlSource() : loaded.source().toString();
                throw new BadInputException(e.problems().stream()
                        .map(p -> new InputProblem(source, 0, "rules", p)).toList());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(List.of(new InputProblem(loaded.source().toString(), 0, "fraud",
                        e.getMessage())));
            }
        }
    }
}
