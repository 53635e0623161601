package io.tollgate.ingest.config;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.HighRiskPrefixes;
import io.tollgate.core.fraud.RuleSchedule;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code fraud:}, the fraud analysts' settings: an optional rule file ({@code rules}, DRL) and high-risk prefix
 * list ({@code high_risk_prefixes}, CSV), thresholds for everyone ({@code defaults}) and per customer
 * ({@code customers}), each as {@code rule: {threshold: value, active: 'days from-to'}} plus a customer's
 * {@code exempt} rules, and what rules block by themselves ({@code auto_block}). Threshold names are checked against
 * the rules when the set is compiled ({@code tollgate fraud rules}, {@code deploy}), not here: the rule file decides
 * which exist.
 */
final class FraudReader {
    private static final Set<String> KEYS = Set.of("rules", "high_risk_prefixes", "defaults", "customers", "auto_block");
    private static final Set<String> BLOCKS = Set.of("none", "customer", "destination");
    private static final String ACTIVE = "active";
    private static final String EXEMPT = "exempt";

    private final Path dir;

    FraudReader(Path dir) {
        this.dir = dir;
    }

    FraudRuleSet read(ConfigNode node) {
        if (!node.mapping(KEYS, false)) {
            return FraudRuleSet.shipped();
        }
        Map<String, BigDecimal> defaults = new HashMap<>();
        Map<String, Map<String, String>> schedules = new HashMap<>();
        Map<String, java.util.List<String>> exempt = new HashMap<>();
        Map<String, Map<String, BigDecimal>> customers = new HashMap<>();
        rules(node.get("defaults"), FraudProfiles.DEFAULTS, defaults, schedules);
        ConfigNode perCustomer = node.get("customers");
        for (String customer : perCustomer.keys()) {
            ConfigNode own = perCustomer.get(customer);
            String problem = ValueFormat.ID_FORMAT.parse(customer).problem();
            if (problem != null) {
                own.problem("customer id " + problem);
                continue;
            }
            Map<String, BigDecimal> thresholds = new HashMap<>();
            rules(own, customer, thresholds, schedules);
            customers.put(customer, thresholds);
            List<String> exempted = own.get(EXEMPT).each(item -> item.required(ValueFormat.ID_FORMAT));
            if (!exempted.isEmpty()) {
                exempt.put(customer, exempted);
            }
        }
        String[] drl = drl(node.get("rules"));
        return new FraudRuleSet(0, "config", Instant.EPOCH, drl[0], drl[1], defaults, customers, exempt, schedules,
                highRisk(node.get("high_risk_prefixes")), blocks(node.get("auto_block")));
    }

    /** Reads {@code rule: {name: value, active: spec}} entries under {@code node}, except a customer's exempt list. */
    private void rules(ConfigNode node, String customer, Map<String, BigDecimal> thresholds,
                       Map<String, Map<String, String>> schedules) {
        for (String rule : node.keys()) {
            if (rule.equals(EXEMPT) && !customer.equals(FraudProfiles.DEFAULTS)) {
                continue;
            }
            ConfigNode settings = node.get(rule);
            for (String name : settings.keys()) {
                ConfigNode value = settings.get(name);
                if (name.equals(ACTIVE)) {
                    String spec = value.required(ValueFormat.TEXT);
                    if (spec != null && schedule(value, spec)) {
                        schedules.computeIfAbsent(customer, c -> new HashMap<>()).put(rule, spec);
                    }
                } else {
                    BigDecimal threshold = value.required(ValueFormat.AMOUNT);
                    if (threshold != null) {
                        thresholds.put(rule + "." + name, threshold);
                    }
                }
            }
        }
    }

    private static boolean schedule(ConfigNode node, String spec) {
        try {
            RuleSchedule.parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return false;
        }
    }

    private Map<String, String> blocks(ConfigNode node) {
        Map<String, String> blocks = new TreeMap<>();
        for (String rule : node.keys()) {
            String scope = node.get(rule).required(ValueFormat.TEXT);
            if (scope != null && !BLOCKS.contains(scope.toLowerCase(Locale.ROOT))) {
                node.get(rule).problem("must be none, customer or destination, got '" + scope + "'");
            } else if (scope != null) {
                blocks.put(rule, scope.toUpperCase(Locale.ROOT));
            }
        }
        return blocks;
    }

    /** The rule file's text and where it came from, or nulls for the shipped rules. */
    private String[] drl(ConfigNode node) {
        Path file = file(node, ".drl");
        if (file == null) {
            return new String[] {null, null};
        }
        try {
            return new String[] {Files.readString(file, StandardCharsets.UTF_8), file.toString()};
        } catch (IOException e) {
            node.problem("cannot read " + file + ": " + e.getMessage());
            return new String[] {null, null};
        }
    }

    private Map<String, String> highRisk(ConfigNode node) {
        Path file = file(node, ".csv");
        if (file == null) {
            return Map.of();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return HighRiskPrefixes.read(in, file.toString()).asMap();
        } catch (BadInputException e) {
            e.problems().forEach(p -> node.problem(p.source() + ":" + p.line() + ": field '" + p.field() + "': "
                    + p.message()));
        } catch (IOException e) {
            node.problem("cannot read " + file + ": " + e.getMessage());
        }
        return Map.of();
    }

    private Path file(ConfigNode node, String extension) {
        if (!node.isPresent()) {
            return null;
        }
        String text = node.required(ValueFormat.TEXT);
        if (text == null) {
            return null;
        }
        if (!text.endsWith(extension)) {
            node.problem("must be a " + extension + " file, got '" + text + "'");
            return null;
        }
        try {
            Path file = dir.resolve(text).normalize();
            if (!Files.isRegularFile(file)) {
                node.problem("no such file: " + file);
                return null;
            }
            return file;
        } catch (InvalidPathException e) {
            node.problem("is not a file path: " + e.getReason());
            return null;
        }
    }
}
