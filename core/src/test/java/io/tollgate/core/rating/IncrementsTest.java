package io.tollgate.core.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncrementsTest {

    @Test
    void commonIncrementsAreSharedInstances() {
        assertThat(Increments.parse("60/60")).isSameAs(Increments.PER_MINUTE);
        assertThat(Increments.parse("1/1")).isSameAs(Increments.PER_SECOND);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"30/6 | 30 | 6", "' 30 / 6 ' | 30 | 6", "1/60 | 1 | 60", "60/1 | 60 | 1"})
    void parsesInitialSlashSubsequent(String text, int initial, int subsequent) {
        Increments i = Increments.parse(text);
        assertThat(i.initial()).isEqualTo(initial);
        assertThat(i.subsequent()).isEqualTo(subsequent);
        assertThat(i.toString()).isEqualTo(initial + "/" + subsequent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/60", "60/0", "0/0"})
    void refusesZeroSeconds(String text) {
        assertThatThrownBy(() -> Increments.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("at least 1 second");
    }

    @ParameterizedTest
    @ValueSource(strings = {"60/x", "60", "/60", "60/", "-1/60", "60/6.5", "60/60/60", "1234567/1", "", "a/b"})
    void refusesWhatIsNotInitialSlashSubsequent(String text) {
        assertThatThrownBy(() -> Increments.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void constructorRefusesLessThanOneSecond() {
        assertThatThrownBy(() -> new Increments(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Increments(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}/{1} for {2} s -> {3} s")
    @CsvSource({
            "60, 60,   1,  60",
            "60, 60,  60,  60",
            "60, 60,  61, 120",
            "30,  6,  30,  30",
            "30,  6,  31,  36",
            "30,  6,  42,  42",
            "30,  6,  43,  48",
            " 1,  1,  17,  17",
            " 1, 60,   1,   1", // first second alone, then whole minutes
            " 1, 60,   2,  61",
            "60,  1,  75,  75",
    })
    void billedSecondsForWholeSeconds(int initial, int subsequent, long d, long billed) {
        assertThat(new Increments(initial, subsequent).billedSeconds(d)).isEqualTo(billed);
    }
}
