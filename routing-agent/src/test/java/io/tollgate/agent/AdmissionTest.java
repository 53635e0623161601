package io.tollgate.agent;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTest {
    private static final long SECOND = 1_000_000_000L;
    private final Admission admission = new Admission(Duration.ofHours(2));

    @Test
    void noMoreThanCpsCallsAreAdmittedInAnySecond() {
        CustomerLimits limits = new CustomerLimits(100, 3, BigDecimal.TEN);
        long t = 5 * SECOND;

        assertThat(admission.admit("acme", limits, t)).isNull();
        assertThat(admission.admit("acme", limits, t + SECOND / 2)).isNull();
        assertThat(admission.admit("acme", limits, t + SECOND / 2)).isNull();
        assertThat(admission.admit("acme", limits, t + SECOND - 1)).isEqualTo(Refusal.OVER_CPS);
        // a second after the first admission its place frees, not before
        assertThat(admission.admit("acme", limits, t + SECOND)).isNull();
        assertThat(admission.admit("acme", limits, t + SECOND + 1)).isEqualTo(Refusal.OVER_CPS);
        assertThat(admission.active("acme")).isEqualTo(4);
    }

    @Test
    void concurrentCallsAreCountedPerCustomerAndReleased() {
        CustomerLimits one = new CustomerLimits(1, 100, BigDecimal.TEN);

        assertThat(admission.admit("acme", one, 0)).isNull();
        assertThat(admission.admit("acme", one, 1)).isEqualTo(Refusal.OVER_CONCURRENT_CALLS);
        assertThat(admission.admit("globex", one, 2)).isNull();
        admission.release("acme");
        assertThat(admission.admit("acme", one, 3)).isNull();
    }

    @Test
    void aCustomerWithoutCreditIsRefused() {
        assertThat(admission.admit("acme", new CustomerLimits(5, 5, BigDecimal.ZERO), 0)).isEqualTo(Refusal.NO_CREDIT);
        assertThat(admission.active("acme")).isZero();
    }

    @Test
    void aCallLastsWhatTheCreditBuysRoundedDownAndNeverBeyondTheLongest() {
        assertThat(admission.maxDuration(new BigDecimal("1.00"), new BigDecimal("0.03"))).isEqualTo(Duration.ofSeconds(2000));
        assertThat(admission.maxDuration(new BigDecimal("0.001"), new BigDecimal("0.07"))).isEqualTo(Duration.ZERO.plusSeconds(0));
        assertThat(admission.maxDuration(new BigDecimal("5000"), new BigDecimal("0.01"))).isEqualTo(Duration.ofHours(2));
        assertThat(admission.maxDuration(new BigDecimal("5"), BigDecimal.ZERO)).isEqualTo(Duration.ofHours(2));
    }
}
