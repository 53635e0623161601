package io.tollgate.core.numbers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberNormalizerTest {
    private final NumberNormalizer plain = NumberNormalizer.plain();

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "442079460958          | 442079460958",
            "+442079460958         | 442079460958",
            "00442079460958        | 442079460958",
            "+44 20 7946 0958      | 442079460958",
            "0044-20-7946-0958     | 442079460958",
            "+1 (555) 123-4567     | 15551234567",
            "(+44) 20 7946 0958    | 442079460958",
            "44.20.7946.0958       | 442079460958",
            "'  +33 1 23 45 67 89 '| 33123456789",
            "00 33 1 23 45 67 89   | 33123456789",
            // the UK's national trunk (0) is dropped, not dialled: 4420..., never 44020...
            "+44 (0) 20 7946 0958  | 442079460958",
            "+44(0)2079460958      | 442079460958",
            "0044 (0) 20 7946 0958 | 442079460958",
            // elsewhere, (0) is only a digit in parentheses
            "+44 20 7946 (0)958    | 442079460958",
    })
    void acceptsPlusDoubleZeroAndVisualSeparators(String dialled, String expected) {
        assertThat(plain.normalize(dialled)).isEqualTo(expected);
        assertThat(plain.isValid(dialled)).isTrue();
    }

    @Test
    void acceptsExactlyFifteenDigits() {
        assertThat(plain.normalize("+123456789012345")).isEqualTo("123456789012345");
        assertThat(plain.normalize("00123456789012345")).isEqualTo("123456789012345");
    }

    @Test
    void internationalAccessCodeDoesNotCountTowardsTheDigitLimit() {
        // 00 + 15 digits is a valid 15-digit number, not 17 digits
        assertThat(plain.normalize("00 491 234 567 890 123")).isEqualTo("491234567890123");
    }

    @Test
    void stripsConfiguredTechPrefixesBeforeAnythingElse() {
        NumberNormalizer withTech = new NumberNormalizer(List.of("1010#", "99"));
        assertThat(withTech.normalize("1010#+442079460958")).isEqualTo("442079460958");
        assertThat(withTech.normalize("1010#00442079460958")).isEqualTo("442079460958");
        assertThat(withTech.normalize("99442079460958")).isEqualTo("442079460958");
        assertThat(withTech.normalize("  99 0044 20 7946 0958")).isEqualTo("442079460958");
        // a number that does not start with a tech prefix is left as it is
        assertThat(withTech.normalize("+442079460958")).isEqualTo("442079460958");
    }

    @Test
    void triesTheLongestTechPrefixFirst() {
        // "12" is also a prefix of "123#": stripping "12" first would leave "3#..." and fail on '#'
        NumberNormalizer withTech = new NumberNormalizer(List.of("12", "123#"));
        assertThat(withTech.normalize("123#442079460958")).isEqualTo("442079460958");
        assertThat(withTech.normalize("12442079460958")).isEqualTo("442079460958");
    }

    @Test
    void plainNormalizerDoesNotStripTechPrefixes() {
        assertThatThrownBy(() -> plain.normalize("1010#442079460958"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("unexpected '#'");
    }

    @Test
    void emptyTechPrefixesAreIgnored() {
        NumberNormalizer withEmpty = new NumberNormalizer(List.of("", "99"));
        assertThat(withEmpty.normalize("99442079460958")).isEqualTo("442079460958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"44abc123", "+44 20 7946 095O", "tel:442079460958", "44*20", "44#20", "44/20"})
    void refusesLettersAndOtherSymbolsNamingTheCharacter(String dialled) {
        assertThatThrownBy(() -> plain.normalize(dialled))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("'" + dialled + "'")
                .hasMessageContaining("unexpected");
        assertThat(plain.isValid(dialled)).isFalse();
    }

    @Test
    void refusesAPlusThatIsNotInFront() {
        assertThatThrownBy(() -> plain.normalize("44+2079460958"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("unexpected '+'");
        assertThatThrownBy(() -> plain.normalize("++442079460958"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("unexpected '+'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void refusesEmptyNumbers(String dialled) {
        assertThatThrownBy(() -> plain.normalize(dialled))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessage("empty number");
        assertThat(plain.isValid(dialled)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "+ ( ) -", "--"})
    void refusesSeparatorsWithoutDigits(String dialled) {
        assertThatThrownBy(() -> plain.normalize(dialled))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("has no digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"02079460958", "0 20 7946 0958", "+02079460958", "000442079460958", "0", "00"})
    void refusesNationalFormatWithALeadingZero(String dialled) {
        assertThatThrownBy(() -> plain.normalize(dialled))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("national format");
    }

    @Test
    void refusesMoreThanFifteenDigits() {
        assertThatThrownBy(() -> plain.normalize("+1234567890123456"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("16 digits")
                .hasMessageContaining("at most 15");
        assertThatThrownBy(() -> plain.normalize("001234567890123456"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("16 digits");
    }

    @Test
    void invalidNumberIsAnIllegalArgument() {
        assertThat(new InvalidNumberException("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
