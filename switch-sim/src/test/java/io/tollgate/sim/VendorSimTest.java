package io.tollgate.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The prefix table of the local stack's [vendor-sim], as the default trunks play it. */
class VendorSimTest {
    private static final Duration TALK = Duration.ofSeconds(20);
    private final VendorSim vendorA = new VendorSim(1, TALK);
    private final VendorSim vendorB = new VendorSim(2, TALK);

    @Test
    void twoEightyAnswersAtOnceAndTalksTheSecondsItNames() {
        assertThat(vendorA.dialled("28005123", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, Duration.ofSeconds(5)));
    }

    @Test
    void busyCongestionAndUnallocatedRefuseAtOnceWithTheirCauses() {
        assertThat(vendorA.dialled("2811234", "vendor-a")).isEqualTo(FarEnd.refuses(17, Duration.ZERO));
        assertThat(vendorA.dialled("2821234", "vendor-a")).isEqualTo(FarEnd.refuses(34, Duration.ZERO));
        assertThat(vendorA.dialled("2831234", "vendor-a")).isEqualTo(FarEnd.refuses(1, Duration.ZERO));
    }

    @Test
    void twoEightyFourRingsItsSecondsThenGivesUpWithNoAnswer() {
        assertThat(vendorA.dialled("28407123", "vendor-a")).isEqualTo(FarEnd.ringsThenRefuses(19, Duration.ofSeconds(7)));
    }

    @Test
    void twoEightyFiveRingsItsSecondsThenAnswersAndTalksTheDefault() {
        assertThat(vendorA.dialled("28503123", "vendor-a")).isEqualTo(FarEnd.ringsThenAnswers(Duration.ofSeconds(3), TALK));
    }

    @Test
    void twoEightySixIsCongestedOnlyOnTheVendorItNames() {
        assertThat(vendorA.dialled("28611234", "vendor-a")).isEqualTo(FarEnd.refuses(34, Duration.ZERO));
        assertThat(vendorB.dialled("28611234", "vendor-b")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
    }

    @Test
    void twoEightySevenAnswersOnlyOnTheVendorItNames() {
        assertThat(vendorA.dialled("28711234", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
        assertThat(vendorB.dialled("28711234", "vendor-b")).isEqualTo(FarEnd.refuses(34, Duration.ZERO));
    }

    @Test
    void aPrefixNeedsOneMoreDigitAfterItElseTheDefaultAnswers() {
        // the dialplan's patterns (_280XX., _281.) need at least one character after the prefix and its digits
        assertThat(vendorA.dialled("28005", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
        assertThat(vendorA.dialled("281", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
        assertThat(vendorA.dialled("28641", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
    }

    @Test
    void realNumbersAnswerAndTalkTheDefault() {
        assertThat(vendorA.dialled("442071234567", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
        assertThat(vendorA.dialled("+442071234567", "vendor-a")).isEqualTo(FarEnd.answers(Duration.ZERO, TALK));
    }
}
