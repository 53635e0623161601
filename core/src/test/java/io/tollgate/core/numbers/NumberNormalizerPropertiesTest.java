package io.tollgate.core.numbers;

import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NumberNormalizerPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> INTERNATIONAL = List.of("", "+", "00", "+ ", "00 ");
    /** What may follow a digit; nothing, most often. */
    private static final List<String> SEPARATORS = List.of("", "", "", " ", "-", ".", "(", ")");

    /** An E.164 number and one way a switch or a person might have written it. */
    record Written(String e164, String dialled) {
    }

    @TestFactory
    Stream<DynamicTest> anyFormattingOfAnE164NumberNormalisesBackToItsDigits() {
        return written().check(w -> assertThat(NumberNormalizer.plain().normalize(w.dialled())).isEqualTo(w.e164()));
    }

    @TestFactory
    Stream<DynamicTest> aTechPrefixInFrontChangesNothing() {
        NumberNormalizer withTech = new NumberNormalizer(List.of("1010#", "777*"));
        return written().check(w -> {
            assertThat(withTech.normalize("1010#" + w.dialled().strip())).isEqualTo(w.e164());
            assertThat(withTech.normalize("777*" + w.dialled().strip())).isEqualTo(w.e164());
        });
    }

    /** "+44 (0)20 ...": a national trunk (0) after the country code (of 1 to 3 digits) is dropped, not dialled. */
    @TestFactory
    Stream<DynamicTest> aTrunkZeroAfterTheCountryCodeIsDropped() {
        return written().check(w -> {
            String e164 = w.e164();
            for (int cc = 1; cc <= Math.min(3, e164.length() - 1); cc++) {
                String dialled = "+" + e164.substring(0, cc) + " (0)" + e164.substring(cc);
                assertThat(NumberNormalizer.plain().normalize(dialled)).as(dialled).isEqualTo(e164);
            }
        });
    }

    private static Cases<Written> written() {
        List<Written> edges = new ArrayList<>();
        for (String digits : List.of("1", "9", "100000000000000", "999999999999999")) {
            for (String intl : INTERNATIONAL) {
                edges.add(write(digits, intl, i -> ""));
                edges.add(write(digits, intl, i -> SEPARATORS.get(3 + i % (SEPARATORS.size() - 3))));
            }
        }
        return Cases.draw(TRIES, NumberNormalizerPropertiesTest::written).withEdgeCases(edges);
    }

    /** 1 to 15 digits, not starting with 0, after an international prefix or none, with separators anywhere. */
    static Written written(Random r) {
        String digits = Draw.string(r, "123456789", 1, 1) + Draw.string(r, "0123456789", 0, 14);
        return write(digits, Draw.oneOf(r, INTERNATIONAL), i -> Draw.oneOf(r, SEPARATORS));
    }

    /**
     * The digits with a separator after each; never a real 0 alone in parentheses, since "(0)" is the national
     * trunk prefix that the normaliser drops.
     */
    private static Written write(String digits, String international, IntFunction<String> after) {
        StringBuilder s = new StringBuilder(international);
        String previous = "";
        for (int i = 0; i < digits.length(); i++) {
            String separator = after.apply(i);
            if (digits.charAt(i) == '0' && previous.equals("(") && separator.equals(")")) {
                separator = "";
            }
            s.append(digits.charAt(i)).append(separator);
            previous = separator;
        }
        return new Written(digits, s.toString());
    }
}
