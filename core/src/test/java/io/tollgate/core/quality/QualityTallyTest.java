package io.tollgate.core.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualityTallyTest {
    private static final VendorDestination CELL = new VendorDestination("carrier-a", "49");
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant END = START.plusSeconds(900);

    private static AttemptOutcome answered(String seconds, long pddMs) {
        return new AttemptOutcome("carrier-a", "49", true, true, new BigDecimal(seconds), pddMs);
    }

    private static AttemptOutcome failed(boolean effective, Long pddMs) {
        return new AttemptOutcome("carrier-a", "49", false, effective, BigDecimal.ZERO, pddMs);
    }

    private static QualityTally tally(List<AttemptOutcome> attempts) {
        QualityTally tally = QualityTally.NONE;
        for (AttemptOutcome attempt : attempts) {
            tally = tally.add(attempt);
        }
        return tally;
    }

    @Test
    void ratiosComeFromTheCounts() {
        // 3 attempts: answered 60.5 s, answered 30.25 s, busy; PDD reported by two of them
        VendorQuality quality = tally(List.of(answered("60.5", 1000), answered("30.25", 2001), failed(true, null)))
                .in(CELL, START, END);

        assertThat(quality.attempts()).isEqualTo(3);
        assertThat(quality.answered()).isEqualTo(2);
        assertThat(quality.effective()).isEqualTo(3);
        assertThat(quality.asr()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(quality.ner()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(quality.acdS()).isEqualTo(new BigDecimal("45.3750"));
        assertThat(quality.pddMs()).isEqualTo(new BigDecimal("1500.5000"));
    }

    @Test
    void roundsEachRatioOnceHalfUp() {
        // 1/8 = 0.125 exactly; 0.00005 s over one call sits on the rounding edge
        List<AttemptOutcome> attempts = new ArrayList<>(List.of(answered("0.00005", 1)));
        for (int i = 0; i < 7; i++) {
            attempts.add(failed(false, null));
        }
        VendorQuality quality = tally(attempts).in(CELL, START, END);

        assertThat(quality.asr()).isEqualTo(new BigDecimal("0.1250"));
        assertThat(quality.acdS()).isEqualTo(new BigDecimal("0.0001"));
        assertThat(quality.pddMs()).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void aRatioWithNothingToDivideByIsAbsentNotZero() {
        VendorQuality quality = tally(List.of(failed(false, null), failed(false, null))).in(CELL, START, END);

        assertThat(quality.asr()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(quality.ner()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(quality.acdS()).isNull();
        assertThat(quality.pddMs()).isNull();
    }

    @Test
    void mergingIsCountingEverythingOnce() {
        List<AttemptOutcome> first = List.of(answered("12.5", 800), failed(true, 2500L));
        List<AttemptOutcome> second = List.of(failed(false, null), answered("7", 1200), failed(false, 3000L));

        QualityTally merged = tally(first).merge(tally(second));

        assertThat(merged).isEqualTo(tally(List.of(first.get(0), first.get(1), second.get(0), second.get(1),
                second.get(2))));
        assertThat(merged).isEqualTo(tally(second).merge(tally(first)));
        assertThat(QualityTally.NONE.merge(merged)).isEqualTo(merged);
        assertThat(merged.answeredS()).isEqualTo(new BigDecimal("19.5"));
        assertThat(merged.pddSumMs()).isEqualTo(7500);
        assertThat(merged.pddSamples()).isEqualTo(4);
    }

    @Test
    void qualityIsOfItsCellAndWindow() {
        VendorQuality quality = tally(List.of(failed(true, null))).in(CELL, START, END);

        assertThat(quality.vendor()).isEqualTo("carrier-a");
        assertThat(quality.destination()).isEqualTo("49");
        assertThat(quality.windowStart()).isEqualTo(START);
        assertThat(quality.windowEnd()).isEqualTo(END);
        assertThat(quality.key()).isEqualTo(CELL.key()).isEqualTo("carrier-a|49");
    }

    @Test
    void refusesCountsThatDoNotFitTogether() {
        assertThatThrownBy(() -> new VendorQuality("v", "49", START, END, 1, 2, 2, BigDecimal.ONE, 0, 0))
                .hasMessageContaining("counts do not fit together");
        assertThatThrownBy(() -> new VendorQuality("v", "49", START, END, 2, 1, 0, BigDecimal.ONE, 0, 0))
                .hasMessageContaining("counts do not fit together");
        assertThatThrownBy(() -> new VendorQuality("v", "49", START, END, 1, 0, 0, BigDecimal.ZERO, 2, 10))
                .hasMessageContaining("counts do not fit together");
        assertThatThrownBy(() -> new VendorQuality("v", "49", END, START, 1, 0, 0, BigDecimal.ZERO, 0, 0))
                .hasMessageContaining("is not after windowStart");
    }
}
