package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.HighRiskPrefixes;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule set made ready to evaluate: the rules compiled, every customer's profile, the high-risk list. Building it
 * checks what a config can get wrong and the rules only find out at run time: a threshold no rule reads (a typo
 * that would silently leave the default in force), a rule id that does not exist.
 */
public record FraudRuleBook(long version, FraudRules rules, FraudProfiles profiles, HighRiskPrefixes highRisk) {

    /** @param zones each customer's time zone, for rule schedules */
    public static FraudRuleBook of(FraudRuleSet set, Map<String, ZoneId> zones) throws RuleSetException {
        FraudRules compiled = set.drl() == null ? FraudRules.standard()
                : FraudRules.compile(set.drl(), set.drlSource() == null ? "rules" : set.drlSource());
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> thresholds = new HashMap<>();
        compiled.rules().forEach(r -> thresholds.put(r.id(), r.thresholds()));
        Set<String> ids = new TreeSet<>(thresholds.keySet());
        checkThresholds("fraud.defaults", set.defaults().keySet(), thresholds, problems);
        set.customers().forEach((customer, own) ->
                checkThresholds("fraud.customers." + customer, own.keySet(), thresholds, problems));
        set.exempt().forEach((customer, rules) -> checkRules("fraud.customers." + customer + ".exempt", rules, ids,
                problems));
        set.schedules().forEach((customer, rules) -> checkRules("schedules of " + customer, rules.keySet(), ids,
                problems));
        Map<String, BlockScope> blocks = new HashMap<>();
        checkRules("fraud.auto_block", set.blocks().keySet(), ids, problems);
        set.blocks().forEach((rule, scope) -> blocks.put(rule, BlockScope.valueOf(scope.toUpperCase(Locale.ROOT))));
        if (!problems.isEmpty()) {
            throw new RuleSetException("fraud rule set version " + set.version(), problems);
        }
        return new FraudRuleBook(set.version(), compiled.withBlocks(blocks),
                set.profiles(DefaultThresholds.profile(), zones), set.highRiskPrefixes());
    }

    /** A rule of one's own may read thresholds of its own; a shipped rule reads only those it lists. */
    private static void checkThresholds(String where, Set<String> given, Map<String, List<String>> known,
                                        List<String> problems) {
        for (String name : new TreeSet<>(given)) {
            String rule = name.substring(0, Math.max(0, name.indexOf('.')));
            List<String> names = known.get(rule);
            if (names == null) {
                problems.add(where + ": threshold " + name + " is for no rule (rules: "
                        + String.join(", ", new TreeSet<>(known.keySet())) + ")");
            } else if (!names.isEmpty() && !names.contains(name)) {
                problems.add(where + ": rule " + rule + " reads no threshold " + name + " (it reads: "
                        + String.join(", ", names) + ")");
            }
        }
    }

    private static void checkRules(String where, java.util.Collection<String> given, Set<String> known,
                                   List<String> problems) {
        for (String rule : new TreeSet<>(given)) {
            if (!known.contains(rule)) {
                problems.add(where + ": no rule " + rule + " (rules: " + String.join(", ", known) + ")");
            }
        }
    }
}
