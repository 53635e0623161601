package io.tollgate.core.fraud;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceTest {

    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void ordersItsFiguresByNameAndKeepsItsOwnCopy() {
        Map<String, Long> counts = new HashMap<>(Map.of("calls", 240L, "answered", 3L, "distinctBNumbers", 231L));

        Evidence evidence = new Evidence(START, START.plusSeconds(300), counts, null, null);
        counts.put("late", 1L);

        assertThat(evidence.counts().keySet()).containsExactly("answered", "calls", "distinctBNumbers");
        assertThat(evidence.amounts()).isEmpty();
        assertThat(evidence.sampleCallIds()).isEmpty();
        assertThatThrownBy(() -> evidence.counts().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new Evidence(START, START.minusMillis(1), Map.of(), Map.of(), null))
                .hasMessageContaining("windowEnd");
    }

    @Test
    void refusesNullFigures() {
        Map<String, BigDecimal> amounts = new HashMap<>();
        amounts.put("cost", null);

        assertThatThrownBy(() -> new Evidence(START, START, Map.of(), amounts, null))
                .hasMessageContaining("evidence value cost must not be null");
    }

    @Test
    void anAlertsLastEventIsNotBeforeItsFirst() {
        Evidence evidence = new Evidence(START, START, Map.of(), Map.of(), null);

        assertThatThrownBy(() -> new FraudAlert("r", Severity.WARNING, "acme", "882", evidence, START,
                START.minusSeconds(1))).hasMessageContaining("lastEventTime");
    }
}
