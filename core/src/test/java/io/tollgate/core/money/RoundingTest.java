package io.tollgate.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundingTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "UP        | UP",
            "up        | UP",
            "HALF_UP   | HALF_UP",
            "half_up   | HALF_UP",
            "Half-Up   | HALF_UP",
            "HALF-UP   | HALF_UP",
            "'  DOWN ' | DOWN",
            "down      | DOWN",
    })
    void parsesTheThreeModesCaseInsensitively(String text, RoundingMode expected) {
        assertThat(Rounding.parseMode(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HALF_EVEN", "CEILING", "FLOOR", "HALF_DOWN", "UNNECESSARY", "", "HALFUP", "round"})
    void refusesAnyOtherModeNamingWhatWasGiven(String text) {
        assertThatThrownBy(() -> Rounding.parseMode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UP, HALF_UP or DOWN")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void decimalsFromZeroToTwelveAreAccepted() {
        assertThat(new Rounding(0, RoundingMode.UP).decimals()).isZero();
        assertThat(new Rounding(Rounding.MAX_DECIMALS, RoundingMode.DOWN).decimals()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 13, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void decimalsOutsideZeroToTwelveAreRefused(int decimals) {
        assertThatThrownBy(() -> new Rounding(decimals, RoundingMode.HALF_UP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 12")
                .hasMessageContaining(Integer.toString(decimals));
    }

    @ParameterizedTest
    @EnumSource(value = RoundingMode.class, names = {"UP", "HALF_UP", "DOWN"}, mode = EnumSource.Mode.EXCLUDE)
    void constructorRefusesModesOtherThanUpHalfUpDown(RoundingMode mode) {
        assertThatThrownBy(() -> new Rounding(2, mode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(mode.name());
    }

    @Test
    void constructorRefusesANullMode() {
        assertThatThrownBy(() -> new Rounding(2, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultIsSixDecimalsHalfUp() {
        assertThat(Rounding.DEFAULT).isEqualTo(new Rounding(6, RoundingMode.HALF_UP));
    }

    @ParameterizedTest(name = "{0} at {1} {2} -> {3}")
    @CsvSource({
            "0.125,    2, HALF_UP, 0.13",
            "0.125,    2, DOWN,    0.12",
            "0.125,    2, UP,      0.13",
            "0.1249,   2, HALF_UP, 0.12",
            "0.1201,   2, UP,      0.13",
            "2.5,      0, HALF_UP, 3",
            "2.5,      0, DOWN,    2",
            "2.1,      0, UP,      3",
            "0.5,      0, HALF_UP, 1",
            "7,        4, DOWN,    7.0000",
            "1.23456789, 6, HALF_UP, 1.234568",
    })
    void applySetsTheScaleByTheMode(String exact, int decimals, RoundingMode mode, String expected) {
        BigDecimal rounded = new Rounding(decimals, mode).apply(new BigDecimal(exact));
        assertThat(rounded.toPlainString()).isEqualTo(expected);
        assertThat(rounded.scale()).isEqualTo(decimals);
    }

    @Test
    void divideRoundsANonTerminatingQuotientOnce() {
        BigDecimal one = BigDecimal.ONE;
        BigDecimal three = BigDecimal.valueOf(3);
        // 1/3 = 0.333..., 2/3 = 0.666...
        assertThat(new Rounding(4, RoundingMode.HALF_UP).divide(one, three).toPlainString()).isEqualTo("0.3333");
        assertThat(new Rounding(4, RoundingMode.UP).divide(one, three).toPlainString()).isEqualTo("0.3334");
        assertThat(new Rounding(4, RoundingMode.DOWN).divide(BigDecimal.valueOf(2), three).toPlainString())
                .isEqualTo("0.6666");
        assertThat(new Rounding(4, RoundingMode.HALF_UP).divide(BigDecimal.valueOf(2), three).toPlainString())
                .isEqualTo("0.6667");
    }
}
