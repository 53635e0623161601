package io.tollgate.jobs.fraud.features;

import io.tollgate.core.fraud.HighRiskPrefixes;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSettingsTest {
    private static final Duration M = Duration.ofMinutes(1);

    @Test
    void defaults() {
        FeatureSettings d = FeatureSettings.DEFAULT;
        assertThat(d.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.baseline()).isEqualTo(Duration.ofMinutes(60));
        assertThat(d.spendWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(d.shortCall()).isEqualTo(Duration.ofSeconds(6));
        assertThat(d.rangeDigits()).isEqualTo(3);
        assertThat(d.familiarity()).isEqualTo(Duration.ofDays(30));
        assertThat(d.samples()).isEqualTo(5);
        assertThat(d.highRisk()).isSameAs(HighRiskPrefixes.NONE);
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> settings(Duration.ZERO, M, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
        assertThatThrownBy(() -> settings(M, Duration.ofSeconds(-1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(M, Duration.ofSeconds(30), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least a minute");
        assertThatThrownBy(() -> settings(M, M, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rangeDigits");
        assertThatThrownBy(() -> settings(M, M, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings(M, M, 6).rangeDigits()).isEqualTo(6);
    }

    private static FeatureSettings settings(Duration window, Duration baseline, int digits) {
        return new FeatureSettings(window, baseline, M, Duration.ofSeconds(6), digits, Duration.ofDays(1), 5,
                HighRiskPrefixes.NONE);
    }
}
