package io.tollgate.core.fraud;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the fraud job needs to judge traffic, as one message on the compacted {@code tollgate.fraud-rules}
 * topic: a running job takes a newer version within seconds, without a restart. Built from the {@code fraud}
 * section of the config (and the rule file and prefix list it names) by {@code tollgate fraud deploy}.
 *
 * @param drl the rule file's text; null for the rules shipped with Tollgate
 * @param drlSource where the rule file came from, for error messages
 * @param defaults thresholds of every customer ({@code irsf.calls} → 10), over the rules' own defaults
 * @param customers per customer, the thresholds that differ from the defaults
 * @param exempt rules that never fire, per customer, or for everyone under {@link FraudProfiles#DEFAULTS}
 * @param schedules when a rule may fire ({@link RuleSchedule#parse}), per customer or {@link FraudProfiles#DEFAULTS}
 * @param highRisk the high-risk destinations, prefix → name
 * @param blocks what a rule blocks by itself, overriding the rule file: {@code NONE}, {@code CUSTOMER}, {@code DESTINATION}
 */
public record FraudRuleSet(long version, String issuer, Instant issuedAt, String drl, String drlSource,
                           Map<String, BigDecimal> defaults, Map<String, Map<String, BigDecimal>> customers,
                           Map<String, List<String>> exempt, Map<String, Map<String, String>> schedules,
                           Map<String, String> highRisk, Map<String, String> blocks) {

    public FraudRuleSet {
        Objects.requireNonNull(issuer, "issuer is required");
        Objects.requireNonNull(issuedAt, "issuedAt is required");
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        customers = customers == null ? Map.of() : Map.copyOf(customers);
        exempt = exempt == null ? Map.of() : Map.copyOf(exempt);
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
        highRisk = highRisk == null ? Map.of() : Map.copyOf(highRisk);
        blocks = blocks == null ? Map.of() : Map.copyOf(blocks);
    }

    /** The shipped rules with their own thresholds: what a config without a {@code fraud} section means. */
    public static FraudRuleSet shipped() {
        return new FraudRuleSet(0, "tollgate", Instant.EPOCH, null, null, null, null, null, null, null, null);
    }

    /** This set with another version, issuer and time, as {@code tollgate fraud deploy} publishes it. */
    public FraudRuleSet issued(long newVersion, String by, Instant at) {
        return new FraudRuleSet(newVersion, by, at, drl, drlSource, defaults, customers, exempt, schedules, highRisk,
                blocks);
    }

    /**
     * Every customer's profile: {@code builtIn} (the rules' own thresholds) overlaid by this set's defaults and
     * then by each customer's own values.
     *
     * @param zones each customer's time zone, in which schedules are read
     */
    public FraudProfiles profiles(FraudProfile builtIn, Map<String, ZoneId> zones) {
        Map<String, BigDecimal> thresholds = new HashMap<>(builtIn.thresholds());
        thresholds.putAll(defaults);
        FraudProfile base = new FraudProfile(FraudProfiles.DEFAULTS, builtIn.zone(), thresholds,
                Set.copyOf(exempt.getOrDefault(FraudProfiles.DEFAULTS, List.of())),
                schedulesOf(FraudProfiles.DEFAULTS));
        Map<String, FraudProfile> overrides = new HashMap<>();
        for (String customer : customerIds()) {
            overrides.put(customer, new FraudProfile(customer, zones.getOrDefault(customer, builtIn.zone()),
                    customers.getOrDefault(customer, Map.of()), Set.copyOf(exempt.getOrDefault(customer, List.of())),
                    schedulesOf(customer)));
        }
        return new FraudProfiles(base, overrides, zones);
    }

    public HighRiskPrefixes highRiskPrefixes() {
        return highRisk.isEmpty() ? HighRiskPrefixes.NONE : new HighRiskPrefixes(highRisk);
    }

    private Set<String> customerIds() {
        Set<String> ids = new java.util.TreeSet<>(customers.keySet());
        ids.addAll(exempt.keySet());
        ids.addAll(schedules.keySet());
        ids.remove(FraudProfiles.DEFAULTS);
        return ids;
    }

    private Map<String, RuleSchedule> schedulesOf(String customer) {
        Map<String, RuleSchedule> parsed = new HashMap<>();
        schedules.getOrDefault(customer, Map.of()).forEach((rule, spec) -> parsed.put(rule, RuleSchedule.parse(spec)));
        return parsed;
    }
}
