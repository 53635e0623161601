package io.tollgate.jobs.fraud;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.jobs.fraud.features.CustomerTraffic;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import io.tollgate.rules.FraudRuleBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fraud job's judgement replayed on recorded traffic, for analysts tuning thresholds before they deploy:
 * the same features, rules and alert pacing, with the calls' own times in place of the wall clock. Each customer
 * is evaluated as the job does, at most every {@link FraudDetector#EVALUATE_EVERY_MS} of its traffic's time.
 */
public final class OfflineEvaluation {
    private final FraudRuleBook book;
    private final FeatureSettings features;
    private final OpenAlerts.Pacing pacing;
    private final Map<String, CustomerTraffic> traffic = new TreeMap<>();
    private final Map<String, OpenAlerts> alerts = new HashMap<>();
    private final Map<String, Long> nextEvaluation = new HashMap<>();

    public OfflineEvaluation(FraudRuleBook book, FeatureSettings features, OpenAlerts.Pacing pacing) {
        this.book = book;
        this.features = features;
        this.pacing = pacing;
    }

    /** Learns from one call event; returns what an evaluation due by its time raised or updated. */
    public List<OpenAlerts.Change> feed(CallEvent event) {
        if (event.customer() == null) {
            return List.of();
        }
        CustomerTraffic t = traffic.computeIfAbsent(event.customer(), c -> new CustomerTraffic());
        t.onEvent(event);
        return evaluateIfDue(event.customer(), t);
    }

    /** Learns from one rated call. */
    public List<OpenAlerts.Change> feed(RatedCdr rated) {
        String customer = rated.cdr().customer();
        if (customer == null) {
            return List.of();
        }
        CustomerTraffic t = traffic.computeIfAbsent(customer, c -> new CustomerTraffic());
        t.onRated(rated);
        return evaluateIfDue(customer, t);
    }

    /** A last evaluation of every customer, at the time of its latest traffic. */
    public List<OpenAlerts.Change> finish() {
        List<OpenAlerts.Change> changes = new ArrayList<>();
        traffic.forEach((customer, t) -> changes.addAll(evaluate(customer, t)));
        return changes;
    }

    private List<OpenAlerts.Change> evaluateIfDue(String customer, CustomerTraffic t) {
        Instant now = t.latestEventTime();
        if (now == null || now.toEpochMilli() < nextEvaluation.getOrDefault(customer, Long.MIN_VALUE)) {
            return List.of();
        }
        nextEvaluation.put(customer, now.toEpochMilli() + FraudDetector.EVALUATE_EVERY_MS);
        return evaluate(customer, t);
    }

    private List<OpenAlerts.Change> evaluate(String customer, CustomerTraffic t) {
        Instant now = t.latestEventTime();
        if (now == null) {
            return List.of();
        }
        var findings = Judgement.findings(book, features, customer, t);
        return alerts.computeIfAbsent(customer, c -> new OpenAlerts()).apply(findings, now, pacing);
    }
}
