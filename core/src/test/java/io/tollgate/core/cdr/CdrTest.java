package io.tollgate.core.cdr;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdrTest {

    private static final Instant SETUP = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant ANSWER = SETUP.plusSeconds(5);
    private static final Instant END = SETUP.plusSeconds(65);

    @Test
    void findsTheAttemptThatCarriedTheCall() {
        CallAttempt failed = new CallAttempt("carrier-a", "l1", 34, null, false);
        CallAttempt carried = new CallAttempt("carrier-b", "l2", 16, 1800L, true);

        Cdr cdr = answered(List.of(failed, carried));

        assertThat(cdr.answeredAttempt()).contains(carried);
        assertThat(unanswered(Disposition.BUSY).answeredAttempt()).isEmpty();
    }

    @Test
    void keepsItsOwnCopyOfTheAttempts() {
        List<CallAttempt> attempts = new ArrayList<>(List.of(new CallAttempt("carrier-a", "l1", 16, 900L, true)));
        Cdr cdr = answered(attempts);

        attempts.clear();

        assertThat(cdr.attempts()).hasSize(1);
        assertThat(new Cdr("c1", "acme", null, "49", SETUP, null, END, BigDecimal.ZERO, Disposition.FAILED, 41,
                null).attempts()).isEmpty();
    }

    @Test
    void anAnswerTimeGoesWithAnAnsweredDispositionOnly() {
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", SETUP, null, END, BigDecimal.ONE,
                Disposition.ANSWERED, 16, List.of()))
                .hasMessageContaining("answer must be set exactly when the disposition is ANSWERED");
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", SETUP, ANSWER, END, BigDecimal.ONE,
                Disposition.BUSY, 17, List.of()))
                .hasMessageContaining("answer must be set exactly when the disposition is ANSWERED");
    }

    @Test
    void refusesTimesOutOfOrder() {
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", END, null, SETUP, BigDecimal.ZERO,
                Disposition.NO_ANSWER, 19, List.of()))
                .hasMessageContaining("is before setup");
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", SETUP, END.plusSeconds(1), END, BigDecimal.ONE,
                Disposition.ANSWERED, 16, List.of()))
                .hasMessageContaining("outside setup");
    }

    @Test
    void refusesANegativeDurationAndInventedCauses() {
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", SETUP, ANSWER, END, new BigDecimal("-0.1"),
                Disposition.ANSWERED, 16, List.of()))
                .hasMessageContaining("durationS must not be negative: -0.1");
        assertThatThrownBy(() -> new Cdr("c1", "acme", null, "49", SETUP, null, END, BigDecimal.ZERO,
                Disposition.FAILED, 128, List.of()))
                .hasMessageContaining("Q.850");
        assertThatThrownBy(() -> new CallAttempt("v", "l", -1, null, false)).hasMessageContaining("Q.850");
        assertThatThrownBy(() -> new CallAttempt("v", "l", 16, -5L, false)).hasMessageContaining("pddMs");
    }

    @Test
    void callEventsHoldMillisecondsAndRefuseNegativeSequenceNumbers() {
        CallEvent event = new CallEvent(CallEvent.Type.RINGING, "c1", "l2", SETUP.plusNanos(1_999_999), null, null,
                null, "carrier-b", null, "agent-1", 2);

        assertThat(event.ts()).isEqualTo(SETUP.plusMillis(1));
        assertThatThrownBy(() -> new CallEvent(CallEvent.Type.END, "c1", "c1", SETUP, null, null, null, null, 16,
                null, -1)).hasMessageContaining("seq");
        assertThatThrownBy(() -> new CallEvent(null, "c1", "c1", SETUP, null, null, null, null, 16, null, 0))
                .hasMessageContaining("type is required");
    }

    static Cdr answered(List<CallAttempt> attempts) {
        return new Cdr("c1", "acme", "441", "4915", SETUP, ANSWER, END, new BigDecimal("60"),
                Disposition.ANSWERED, 16, attempts);
    }

    static Cdr unanswered(Disposition disposition) {
        return new Cdr("c1", "acme", "441", "4915", SETUP, null, END, BigDecimal.ZERO, disposition, 17, List.of());
    }
}
