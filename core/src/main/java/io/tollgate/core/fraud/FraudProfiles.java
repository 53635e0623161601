package io.tollgate.core.fraud;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The thresholds of every customer: defaults, and per customer only what differs from them.
 *
 * @param defaults thresholds, exemptions and schedules of a customer without overrides (its customer id is "*")
 * @param overrides by customer id: thresholds and schedules replace the defaults' one by one; exemptions add up
 * @param zones each customer's time zone; a customer not listed reads schedules in UTC
 */
public record FraudProfiles(FraudProfile defaults, Map<String, FraudProfile> overrides, Map<String, ZoneId> zones) {

    public static final String DEFAULTS = "*";

    public FraudProfiles {
        Objects.requireNonNull(defaults, "defaults are required");
        overrides = Map.copyOf(overrides);
        zones = Map.copyOf(zones);
    }

    /** The profile {@code customer}'s rules are evaluated with. */
    public FraudProfile forCustomer(String customer) {
        ZoneId zone = zones.getOrDefault(customer, ZoneOffset.UTC);
        FraudProfile own = overrides.get(customer);
        if (own == null) {
            return new FraudProfile(customer, zone, defaults.thresholds(), defaults.exempt(), defaults.schedules());
        }
        Map<String, BigDecimal> thresholds = new HashMap<>(defaults.thresholds());
        thresholds.putAll(own.thresholds());
        Set<String> exempt = new HashSet<>(defaults.exempt());
        exempt.addAll(own.exempt());
        Map<String, RuleSchedule> schedules = new HashMap<>(defaults.schedules());
        schedules.putAll(own.schedules());
        return new FraudProfile(customer, zone, thresholds, exempt, schedules);
    }
}
