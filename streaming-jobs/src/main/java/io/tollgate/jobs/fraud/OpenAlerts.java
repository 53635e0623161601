package io.tollgate.jobs.fraud;

import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.fraud.Severity;
import io.tollgate.core.instructions.Block;
import io.tollgate.rules.BlockScope;
import io.tollgate.rules.Finding;
import io.tollgate.rules.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's open alerts: at most one per rule × subject. A rule that keeps firing updates its alert with the
 * new evidence, at most once per {@code updateEvery}, instead of raising another; an alert whose rule has not fired
 * for {@code closeAfter} is closed, and a later firing raises a new one. A critical alert blocks traffic once, when
 * it is raised, if its rule says what to block.
 *
 * <p>Plain fields and a no-argument constructor: Flink keeps it as keyed state.
 */
public final class OpenAlerts {

    /** How often an open alert may be updated, and how long a quiet one stays open. */
    public record Pacing(Duration updateEvery, Duration closeAfter) implements java.io.Serializable {
        public static final Pacing DEFAULT = new Pacing(Duration.ofSeconds(10), Duration.ofMinutes(15));
    }

    /** What one evaluation changes: an alert raised or updated, and the block it caused (or null). */
    public record Change(RaisedAlert alert, Block block) {
    }

    /** One open alert. */
    public static final class Entry {
        public long firstEventMs;
        public long raisedAtMs;
        public long lastUpdateMs;
        public long lastFiredMs;
        public boolean blocked;
    }

    public Map<String, Entry> open = new HashMap<>();

    /** Applies one evaluation's findings at {@code now}; returns what to publish. */
    public List<Change> apply(List<Finding> findings, Instant now, Pacing pacing) {
        close(now, pacing);
        List<Change> changes = new ArrayList<>();
        for (Finding f : findings) {
            String key = f.ruleId() + '|' + f.fact().subject();
            Entry entry = open.get(key);
            if (entry == null) {
                entry = new Entry();
                entry.firstEventMs = f.fact().firstEventTime().toEpochMilli();
                entry.raisedAtMs = now.toEpochMilli();
                open.put(key, entry);
                changes.add(raise(f, entry, now));
            } else if (now.toEpochMilli() - entry.lastUpdateMs >= pacing.updateEvery().toMillis()) {
                changes.add(new Change(raised(f, entry, now), null));
            }
            entry.lastFiredMs = now.toEpochMilli();
        }
        return changes;
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }

    private Change raise(Finding f, Entry entry, Instant now) {
        Block block = block(f, now);
        entry.blocked = block != null;
        return new Change(raised(f, entry, now), block);
    }

    private static RaisedAlert raised(Finding f, Entry entry, Instant now) {
        entry.lastUpdateMs = now.toEpochMilli();
        Observation o = f.fact();
        Instant first = Instant.ofEpochMilli(Math.min(entry.firstEventMs, o.firstEventTime().toEpochMilli()));
        Instant last = o.lastEventTime().isBefore(first) ? first : o.lastEventTime();
        FraudAlert alert = new FraudAlert(f.ruleId(), f.severity(), o.customer(), o.subject(), o.evidence(), first,
                last);
        return new RaisedAlert(alert, entry.blocked ? "block" : "none", Instant.ofEpochMilli(entry.raisedAtMs), now);
    }

    /**
     * The block a critical finding publishes, or null. Its version is the event time of the last call seen, so a
     * replay after a restart publishes the same version (which agents ignore) and never undoes an analyst's
     * unblock, which carries the wall-clock time it was given.
     */
    private static Block block(Finding f, Instant now) {
        Observation o = f.fact();
        if (f.severity() != Severity.CRITICAL || f.block() == BlockScope.NONE
                || o.customer().equals(FraudProfiles.DEFAULTS)) {
            return null;
        }
        String prefix = f.block() == BlockScope.DESTINATION ? o.blockPrefix() : null;
        if (f.block() == BlockScope.DESTINATION && prefix == null) {
            return null;
        }
        return new Block(o.customer(), prefix, null, "fraud alert " + f.ruleId() + " on " + o.subject(),
                o.lastEventTime().toEpochMilli(), "rule:" + f.ruleId(), now);
    }

    private void close(Instant now, Pacing pacing) {
        long quietSince = now.toEpochMilli() - pacing.closeAfter().toMillis();
        open.values().removeIf(e -> e.lastFiredMs < quietSince);
    }
}
