package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.RuleSchedule;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.rules.FraudRuleBook;
import io.tollgate.rules.FraudRules;
import io.tollgate.rules.RuleInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate fraud rules}: each rule with the thresholds in force, for everyone or one customer. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Compiles the rules and lists them with their thresholds, as CSV: one row per rule and"
                + " threshold (" + FraudRulesCommand.HEADER + "). active is when the rule may fire (days and"
                + " hours in the customer's time zone), exempt whether the customer is exempted.",
            "Without --customer, the defaults every customer starts from."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:listed", "2:bad input: the configuration or the rule file (named with line)",
            "1:any other failure"})
final class FraudRulesCommand implements Callable<Integer> {
    static final String HEADER = "rule,title,severity,block,threshold,value,active,exempt";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private FraudCommand.RuleSource source;

    @Option(names = "--customer", paramLabel = "ID", description = "show this customer's profile")
    private String customer;

    @Option(names = "--print-drl", description = "print the rule file in force instead (the shipped checklist"
            + " unless fraud.rules or --rules names one): a starting point for `tollgate fraud test --rules`")
    private boolean printDrl;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = source.load();
        FraudRuleSet set = source.ruleSet(loaded);
        FraudRuleBook book = source.book(loaded, set);
        if (printDrl) {
            spec.commandLine().getOut().print(set.drl() != null ? set.drl() : FraudRules.standardSource());
            return Tollgate.OK;
        }
        if (customer != null && loaded.customer(customer).isEmpty()) {
            throw Options.bad("--customer", "no customer '" + customer + "' in " + loaded.source());
        }
        FraudProfile profile = book.profiles().forCustomer(customer == null ? FraudProfiles.DEFAULTS : customer);
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), List.of(HEADER.split(",")))) {
                for (RuleInfo rule : book.rules().rules()) {
                    String active = profile.schedules().getOrDefault(rule.id(), RuleSchedule.ALWAYS).spec();
                    String exempt = Boolean.toString(profile.exempt().contains(rule.id()));
                    List<String> names = rule.thresholds().isEmpty() ? List.of("") : rule.thresholds();
                    for (String name : names) {
                        BigDecimal value = name.isEmpty() ? null : profile.thresholds().get(name);
                        csv.row(rule.id(), rule.title(), rule.severity().name().toLowerCase(),
                                rule.block().name().toLowerCase(), name, value == null ? "" : value.toPlainString(),
                                active, exempt);
                    }
                }
            }
            output.commit();
        }
        return Tollgate.OK;
    }
}
