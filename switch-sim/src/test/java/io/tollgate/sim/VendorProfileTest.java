package io.tollgate.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Vendors described by statistics: answer ratio, post-dial delay, talk time, failure causes. */
class VendorProfileTest {

    @Test
    void answersItsShareOfCallsAfterThePostDialDelayAndRefusesTheRestWithItsCausesWeighted() {
        VendorProfile profile = new VendorProfile(0.4, Distribution.fixed(Duration.ofSeconds(3)),
                Distribution.fixed(Duration.ofSeconds(60)), Map.of(17, 3.0, 34, 1.0));
        VendorBehaviour vendor = profile.behaviour(new SplittableRandom(7));
        int answered = 0;
        Map<Integer, Integer> causes = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            FarEnd far = vendor.dialled("4420" + i, "t");
            if (far.answerAfter() != null) {
                answered++;
                assertThat(far).isEqualTo(FarEnd.ringsThenAnswers(Duration.ofSeconds(3), Duration.ofSeconds(60)));
            } else {
                causes.merge(far.cause(), 1, Integer::sum);
                assertThat(far.refuseAfter()).isEqualTo(Duration.ofSeconds(3));
            }
        }
        assertThat(answered / 10_000.0).isCloseTo(0.4, within(0.02));
        assertThat(causes.get(17) / (double) (10_000 - answered)).isCloseTo(0.75, within(0.03));
    }

    @Test
    void aNoAnswerCauseRingsUntilTheVendorGivesUp() {
        VendorProfile profile = new VendorProfile(0, Distribution.fixed(Duration.ofSeconds(9)),
                Distribution.fixed(Duration.ofSeconds(1)), Map.of(19, 1.0));
        assertThat(profile.behaviour(new SplittableRandom(1)).dialled("1", "t"))
                .isEqualTo(FarEnd.ringsThenRefuses(19, Duration.ofSeconds(9)));
    }

    @Test
    void distributionsDrawAroundWhatTheyAreGiven() {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += Distribution.exponential(Duration.ofMillis(2000)).sample(random).toMillis();
        }
        assertThat(sum / 20_000).isCloseTo(2000, within(60.0));
        Duration uniform = Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(2)).sample(random);
        assertThat(uniform).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
