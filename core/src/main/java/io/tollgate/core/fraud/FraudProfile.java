package io.tollgate.core.fraud;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One customer's fraud thresholds, as the rules read them: the defaults with the customer's overrides applied.
 * Thresholds are named {@code rule.name}, such as {@code irsf.calls} or {@code spend-cap.hourly}.
 *
 * @param zone the customer's time zone, in which rule schedules are read
 * @param exempt rules that never fire for this customer (a call centre whose short calls are its business)
 * @param schedules when a rule may fire; a rule without one may fire at any time
 */
public record FraudProfile(String customer, ZoneId zone, Map<String, BigDecimal> thresholds, Set<String> exempt,
                           Map<String, RuleSchedule> schedules) {

    public FraudProfile {
        Objects.requireNonNull(customer, "customer is required");
        Objects.requireNonNull(zone, "zone is required");
        thresholds = Map.copyOf(thresholds);
        exempt = Set.copyOf(exempt);
        schedules = Map.copyOf(schedules);
    }

    /** Whether {@code rule} may fire for this customer at {@code at}: not exempted, and inside its schedule. */
    public boolean applies(String rule, Instant at) {
        return !exempt.contains(rule) && schedules.getOrDefault(rule, RuleSchedule.ALWAYS).covers(at, zone);
    }

    /** The threshold {@code rule.name}; a rule asking for one that no profile sets is a mistake in the rule set. */
    public BigDecimal limit(String rule, String name) {
        BigDecimal value = thresholds.get(rule + "." + name);
        if (value == null) {
            throw new IllegalStateException("no threshold " + rule + "." + name + " for customer " + customer
                    + "; set it under fraud.defaults." + rule + " in the config");
        }
        return value;
    }

    /** A whole-number threshold, such as a count of calls. */
    public long count(String rule, String name) {
        return limit(rule, name).longValueExact();
    }

    /** A threshold as a double, for ratios and factors compared with measured rates. */
    public double factor(String rule, String name) {
        return limit(rule, name).doubleValue();
    }

    /** The thresholds sorted by name, for listings. */
    public Map<String, BigDecimal> sortedThresholds() {
        return new TreeMap<>(thresholds);
    }
}
