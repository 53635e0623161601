package io.tollgate.jobs.fraud;

import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.Severity;
import io.tollgate.rules.BlockScope;
import io.tollgate.rules.Finding;
import io.tollgate.rules.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAlertsTest {
    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final OpenAlerts.Pacing PACING = new OpenAlerts.Pacing(Duration.ofSeconds(10),
            Duration.ofMinutes(15));

    /** A fact about {@code subject} of acme's traffic whose calls ran from T+first s to T+last s. */
    private record Fact(String customer, String subject, String blockPrefix, long first, long last)
            implements Observation {
        public Instant windowEnd() {
            return T.plusSeconds(last);
        }

        public Instant firstEventTime() {
            return T.plusSeconds(first);
        }

        public Instant lastEventTime() {
            return T.plusSeconds(last);
        }

        public Evidence evidence() {
            return new Evidence(T, windowEnd(), java.util.Map.of("calls", last - first + 1), null, null);
        }
    }

    private static Finding critical(String subject, BlockScope block, long first, long last) {
        return new Finding("irsf", Severity.CRITICAL, block, new Fact("acme", subject, subject, first, last));
    }

    private final OpenAlerts alerts = new OpenAlerts();

    private List<OpenAlerts.Change> at(long seconds, Finding... findings) {
        return alerts.apply(List.of(findings), T.plusSeconds(seconds), PACING);
    }

    @Test
    void aRuleThatKeepsFiringKeepsOneAlertUpdatedAtMostEveryTenSeconds() {
        List<OpenAlerts.Change> raised = at(1, critical("2899", BlockScope.NONE, 0, 1));
        List<OpenAlerts.Change> tooSoon = at(5, critical("2899", BlockScope.NONE, 0, 5));
        List<OpenAlerts.Change> updated = at(11, critical("2899", BlockScope.NONE, 3, 11));

        assertThat(raised).hasSize(1);
        assertThat(tooSoon).isEmpty();
        assertThat(updated).singleElement().satisfies(c -> {
            assertThat(c.alert().alertId()).isEqualTo(raised.get(0).alert().alertId());
            assertThat(c.alert().alert().firstEventTime()).as("the alert's first call stays").isEqualTo(T);
            assertThat(c.alert().alert().lastEventTime()).isEqualTo(T.plusSeconds(11));
            assertThat(c.alert().alert().evidence().counts()).containsEntry("calls", 9L);
            assertThat(c.alert().raisedAt()).isEqualTo(T.plusSeconds(1));
            assertThat(c.alert().updatedAt()).isEqualTo(T.plusSeconds(11));
        });
    }

    @Test
    void eachSubjectHasItsOwnAlert() {
        assertThat(at(1, critical("2899", BlockScope.NONE, 0, 1), critical("88213", BlockScope.NONE, 0, 1)))
                .extracting(c -> c.alert().alert().subject()).containsExactly("2899", "88213");
    }

    @Test
    void aQuietAlertClosesAndTheNextFiringRaisesANewOne() {
        String first = at(1, critical("2899", BlockScope.NONE, 0, 1)).get(0).alert().alertId();
        at(60, critical("2899", BlockScope.NONE, 0, 60));

        List<OpenAlerts.Change> later = at(60 + 15 * 60 + 1, critical("2899", BlockScope.NONE, 1000, 1961));

        assertThat(later).singleElement().satisfies(c -> assertThat(c.alert().alertId()).isNotEqualTo(first));
    }

    @Test
    void aCriticalAlertBlocksOnceWhenRaisedWithTheEventTimeAsVersion() {
        OpenAlerts.Change raised = at(1, critical("2899", BlockScope.DESTINATION, 0, 1)).get(0);
        OpenAlerts.Change updated = at(20, critical("2899", BlockScope.DESTINATION, 0, 20)).get(0);

        assertThat(raised.block()).isNotNull();
        assertThat(raised.block().customer()).isEqualTo("acme");
        assertThat(raised.block().prefix()).isEqualTo("2899");
        assertThat(raised.block().version()).isEqualTo(T.plusSeconds(1).toEpochMilli());
        assertThat(raised.block().issuer()).isEqualTo("rule:irsf");
        assertThat(raised.alert().action()).isEqualTo("block");
        assertThat(updated.block()).isNull();
        assertThat(updated.alert().action()).isEqualTo("block");
    }

    @Test
    void aCustomerScopeBlocksTheWholeCustomer() {
        OpenAlerts.Change raised = at(1, critical("acme", BlockScope.CUSTOMER, 0, 1)).get(0);

        assertThat(raised.block().customer()).isEqualTo("acme");
        assertThat(raised.block().prefix()).isNull();
    }

    @Test
    void warningsAndVendorAlertsNeverBlock() {
        Finding warning = new Finding("new-destination", Severity.WARNING, BlockScope.CUSTOMER,
                new Fact("acme", "44", "44", 0, 1));
        Finding vendor = new Finding("asr-collapse", Severity.CRITICAL, BlockScope.CUSTOMER,
                new Fact(FraudProfiles.DEFAULTS, "vendor:v:44", null, 0, 1));

        assertThat(at(1, warning, vendor)).hasSize(2).allSatisfy(c -> {
            assertThat(c.block()).isNull();
            assertThat(c.alert().action()).isEqualTo("none");
        });
    }
}
