package io.tollgate.core.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountryCodesTest {

    @Test
    void findsCodesOfOneTwoAndThreeDigits() {
        assertThat(CountryCodes.of("12125551234")).isEqualTo("1");
        assertThat(CountryCodes.of("74951234567")).isEqualTo("7");
        assertThat(CountryCodes.of("442071234567")).isEqualTo("44");
        assertThat(CountryCodes.of("4915112345678")).isEqualTo("49");
        assertThat(CountryCodes.of("8613812345678")).isEqualTo("86");
        assertThat(CountryCodes.of("8801712345678")).isEqualTo("880");
        assertThat(CountryCodes.of("35312345678")).isEqualTo("353");
        assertThat(CountryCodes.of("2348031234567")).isEqualTo("234");
    }

    @Test
    void theWholeNorthAmericanPlanIsOneDestination() {
        // Canada, Jamaica and the Northern Mariana Islands dial as +1 like the US
        assertThat(CountryCodes.of("14165551234")).isEqualTo("1");
        assertThat(CountryCodes.of("18765551234")).isEqualTo("1");
        assertThat(CountryCodes.of("16705551234")).isEqualTo("1");
    }

    @Test
    void keepsInternationalServicesApartFromCountries() {
        // satellite and international networks: favourite targets of revenue-share fraud
        assertThat(CountryCodes.of("881612345678")).isEqualTo("881");
        assertThat(CountryCodes.of("8823451234567")).isEqualTo("882");
        assertThat(CountryCodes.of("80012345678")).isEqualTo("800");
    }

    @Test
    void anUnassignedCodeIsItsFirstThreeDigits() {
        assertThat(CountryCodes.assigned()).doesNotContain("259", "42", "425", "6", "69", "693", "0", "00", "000");
        assertThat(CountryCodes.of("2591234567")).isEqualTo("259");
        assertThat(CountryCodes.of("6931234567")).isEqualTo("693");
        assertThat(CountryCodes.of("4251234567")).isEqualTo("425");
        assertThat(CountryCodes.of("0012345")).isEqualTo("001");
    }

    @Test
    void readsNoFurtherThanTheLeadingDigits() {
        assertThat(CountryCodes.of("25")).isEqualTo("25");
        assertThat(CountryCodes.of("44")).isEqualTo("44");
        assertThat(CountryCodes.of("25#1")).isEqualTo("25");
        assertThat(CountryCodes.of("")).isEmpty();
        assertThat(CountryCodes.of(null)).isEmpty();
        assertThat(CountryCodes.of("+44")).isEmpty();
    }

    @Test
    void theListIsPrefixFreeAndOfOneToThreeDigits() {
        for (String code : CountryCodes.assigned()) {
            assertThat(code).as(code).matches("[1-9][0-9]{0,2}");
            for (String other : CountryCodes.assigned()) {
                if (!other.equals(code)) {
                    assertThat(other).as("%s and %s", code, other).doesNotStartWith(code);
                }
            }
        }
        // one code of each zone, as a check that the whole list was read
        assertThat(CountryCodes.assigned()).contains("1", "20", "30", "40", "500", "60", "7", "81", "90", "998");
    }
}
