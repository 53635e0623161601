package io.tollgate.core.quality;

import io.tollgate.core.cdr.CallAttempt;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptOutcomeTest {
    private static final BigDecimal CALL_S = new BigDecimal("65.6");

    @Test
    void anAnsweredAttemptCarriesTheCallsDurationAndIsEffective() {
        AttemptOutcome outcome = AttemptOutcome.of(new CallAttempt("carrier-b", "l2", 16, 2150L, true), "49", CALL_S);

        assertThat(outcome).isEqualTo(new AttemptOutcome("carrier-b", "49", true, true, CALL_S, 2150L));
        assertThat(outcome.cell()).isEqualTo(new VendorDestination("carrier-b", "49"));
    }

    @Test
    void aUserThatDidNotTakeTheCallIsNotTheVendorsFault() {
        for (int cause : new int[] {16, 17, 18, 19, 21}) {
            AttemptOutcome outcome = AttemptOutcome.of(new CallAttempt("v", "l", cause, 900L, false), "44", CALL_S);

            assertThat(outcome.effective()).as("cause %d", cause).isTrue();
            assertThat(outcome.answered()).isFalse();
            assertThat(outcome.answeredS()).isZero();
        }
    }

    @Test
    void aNetworkFailureOrAnUnknownCauseIsHeldAgainstTheVendor() {
        for (Integer cause : new Integer[] {1, 3, 20, 27, 31, 34, 38, 41, 42, 47, 102, 127, null}) {
            assertThat(AttemptOutcome.of(new CallAttempt("v", "l", cause, null, false), "44", CALL_S).effective())
                    .as("cause %s", cause).isFalse();
        }
    }

    @Test
    void refusesCountsThatCannotHappen() {
        assertThatThrownBy(() -> new AttemptOutcome("v", "44", true, false, BigDecimal.ONE, null))
                .hasMessageContaining("an answered attempt is effective");
        assertThatThrownBy(() -> new AttemptOutcome("v", "44", false, true, BigDecimal.ONE, null))
                .hasMessageContaining("answeredS must be zero for an unanswered attempt");
    }
}
