package io.tollgate.ingest.kafka;

import java.time.Duration;
import java.util.List;

/** The topics of ARCHITECTURE.md. Every value is JSON with a schema version; keys are as the contract says. */
public final class Topics {
    public static final String CALL_EVENTS = "tollgate.call-events";
    public static final String CDRS = "tollgate.cdrs";
    public static final String RATED_CDRS = "tollgate.rated-cdrs";
    public static final String FRAUD_ALERTS = "tollgate.fraud-alerts";
    public static final String INSTRUCTIONS = "tollgate.instructions";
    public static final String DEAD_LETTER = "tollgate.dead-letter";
    /** Each routing agent's acknowledgement of an instruction it applied, keyed by the instruction's subject. */
    public static final String INSTRUCTION_ACKS = "tollgate.instruction-acks";
    /**
     * ASR, ACD, PDD and NER per vendor × destination and sliding window, keyed by {@code vendor|destination}. Not
     * compacted: it is a time series, and an agent that starts wants the recent windows (seek by timestamp to
     * now minus the window size), not the last window of a vendor that stopped carrying months ago.
     */
    public static final String VENDOR_QUALITY = "tollgate.vendor-quality";

    /**
     * The fraud job's rules and thresholds ({@code FraudRuleSet}), under the one key {@link #FRAUD_RULE_SET_KEY}:
     * compacted, so a job that starts reads the set in force, and one that runs takes a new one without restarting.
     */
    public static final String FRAUD_RULES = "tollgate.fraud-rules";
    public static final String FRAUD_RULE_SET_KEY = "rule-set";

    public static final List<String> ALL = List.of(CALL_EVENTS, CDRS, RATED_CDRS, FRAUD_ALERTS, INSTRUCTIONS, DEAD_LETTER,
            INSTRUCTION_ACKS, VENDOR_QUALITY, FRAUD_RULES);
    private static final List<String> COMPACTED = List.of(INSTRUCTIONS, FRAUD_RULES);

    private Topics() {
    }

    /**
     * The layout of every topic for a cluster: call-keyed streams get {@code partitions}; instructions and fraud rule
     * sets are few and must stay in order per subject, so they are compacted; the dead-letter is kept as long as the streams are, and
     * so are the instruction acknowledgements: they are a history (which agent applied what, how late), not state, so
     * compaction would keep only the last agent's per subject.
     */
    public static List<TopicSpec> layout(int partitions, short replication, Duration retention) {
        return ALL.stream()
                .map(name -> new TopicSpec(name, partitions, replication, retention, COMPACTED.contains(name)))
                .toList();
    }
}
