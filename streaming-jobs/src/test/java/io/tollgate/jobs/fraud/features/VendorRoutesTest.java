package io.tollgate.jobs.fraud.features;

import io.tollgate.core.quality.VendorQuality;
import io.tollgate.rules.VendorRoute;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality windows 15 minutes long, one every 5: window i starts at 5·i minutes. */
class VendorRoutesTest {
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private static VendorQuality window(int i, long attempts, long answered) {
        Instant start = T0.plusSeconds(300L * i);
        return new VendorQuality("carrier-a", "44", start, start.plusSeconds(900), attempts, answered, answered,
                BigDecimal.ZERO, 0, 0);
    }

    @Test
    void theFirstWindowHasNoBaseline() {
        VendorRoute r = new VendorRoutes().onQuality(window(0, 10, 4));
        assertThat(r.vendor()).isEqualTo("carrier-a");
        assertThat(r.destination()).isEqualTo("44");
        assertThat(r.windowStart()).isEqualTo(T0);
        assertThat(r.windowEnd()).isEqualTo(T0.plusSeconds(900));
        assertThat(r.attempts()).isEqualTo(10);
        assertThat(r.answered()).isEqualTo(4);
        assertThat(r.baselineAttempts()).isZero();
        assertThat(r.baselineAnswered()).isZero();
    }

    @Test
    void theBaselineSumsTheEarlierWindowsThatDoNotOverlap() {
        VendorRoutes routes = new VendorRoutes();
        VendorRoute r = null;
        for (int i = 0; i <= 6; i++) {
            r = routes.onQuality(window(i, 10L * (i + 1), i + 1));
        }
        // window 6 starts at 30:00; windows 0..3 end by 30:00 (15..30), windows 4 and 5 overlap it
        assertThat(r.attempts()).isEqualTo(70);
        assertThat(r.answered()).isEqualTo(7);
        assertThat(r.baselineAttempts()).isEqualTo(10 + 20 + 30 + 40);
        assertThat(r.baselineAnswered()).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void theBaselineReachesBackTwoHoursAndOlderWindowsArePruned() {
        VendorRoutes routes = new VendorRoutes();
        VendorRoute r = null;
        for (int i = 0; i <= 36; i++) {                              // three hours of windows, 1 attempt each
            r = routes.onQuality(window(i, 1, 1));
        }
        // window 36 starts at 3:00; the baseline holds windows starting 1:00 (12) .. 2:45 (33): 22 windows
        assertThat(r.baselineAttempts()).isEqualTo(22);
        assertThat(routes.size()).isEqualTo(25);                    // windows 12..36
    }

    @Test
    void aRepeatedWindowCountsOnce() {
        VendorRoutes routes = new VendorRoutes();
        routes.onQuality(window(0, 10, 5));
        assertThat(routes.onQuality(window(0, 10, 5))).isNull();
        routes.onQuality(window(3, 20, 10));
        assertThat(routes.onQuality(window(3, 20, 10))).isNull();

        VendorRoute r = routes.onQuality(window(6, 30, 3));
        assertThat(r.baselineAttempts()).isEqualTo(30);              // windows 0 and 3, once each
        assertThat(r.baselineAnswered()).isEqualTo(15);
    }

    @Test
    void aWindowSeenAgainWithOtherCountsReplacesTheFirst() {
        VendorRoutes routes = new VendorRoutes();
        routes.onQuality(window(0, 10, 5));
        routes.onQuality(window(3, 20, 10));
        VendorRoute updated = routes.onQuality(window(3, 25, 12));
        assertThat(updated.attempts()).isEqualTo(25);
        assertThat(updated.baselineAttempts()).isEqualTo(10);
        assertThat(routes.onQuality(window(6, 1, 0)).baselineAttempts()).isEqualTo(35);
    }

    @Test
    void aLateOlderWindowMakesNoFactButJoinsLaterBaselines() {
        VendorRoutes routes = new VendorRoutes();
        routes.onQuality(window(4, 40, 20));
        assertThat(routes.onQuality(window(0, 10, 5))).isNull();
        assertThat(routes.onQuality(window(7, 5, 1)).baselineAttempts()).isEqualTo(10 + 40);
    }
}
