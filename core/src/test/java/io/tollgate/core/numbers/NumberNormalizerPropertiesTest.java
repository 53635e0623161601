package io.tollgate.core.numbers;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumberNormalizerPropertiesTest {

    /** An E.164 number and one way a switch or a person might have written it. */
    record Written(String e164, String dialled) {
    }

    @Property
    void anyFormattingOfAnE164NumberNormalisesBackToItsDigits(@ForAll("written") Written w) {
        assertThat(NumberNormalizer.plain().normalize(w.dialled())).isEqualTo(w.e164());
    }

    @Property
    void aTechPrefixInFrontChangesNothing(@ForAll("written") Written w) {
        NumberNormalizer withTech = new NumberNormalizer(List.of("1010#", "777*"));
        assertThat(withTech.normalize("1010#" + w.dialled().strip())).isEqualTo(w.e164());
        assertThat(withTech.normalize("777*" + w.dialled().strip())).isEqualTo(w.e164());
    }

    @Provide
    Arbitrary<Written> written() {
        Arbitrary<String> e164 = Combinators.combine(
                        Arbitraries.strings().withCharRange('1', '9').ofLength(1),
                        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(14))
                .as(String::concat);
        Arbitrary<String> international = Arbitraries.of("", "+", "00", "+ ", "00 ");
        Arbitrary<List<String>> separators = Arbitraries.of("", "", "", " ", "-", ".", "(", ")").list().ofSize(15);
        return Combinators.combine(e164, international, separators).as((digits, intl, seps) -> {
            StringBuilder s = new StringBuilder(intl);
            for (int i = 0; i < digits.length(); i++) {
                s.append(digits.charAt(i)).append(seps.get(i));
            }
            return new Written(digits, s.toString());
        });
    }
}
