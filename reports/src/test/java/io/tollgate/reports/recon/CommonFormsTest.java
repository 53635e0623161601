package io.tollgate.reports.recon;

import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortcuts read exactly what the general parsers read, and leave everything else to them. */
class CommonFormsTest {

    @Test
    void commonTimesAreReadAsOffsetDateTimeReadsThem() {
        for (String text : List.of("2026-01-10T10:00:00Z", "2026-01-10T10:04:59.5Z", "2026-01-10T11:00:02+01:00",
                "2026-01-10T10:00:00.123456789Z", "2026-01-10T10:00:00.000001-05:30", "2024-02-29T23:59:59+18:00",
                "1999-12-31T00:00:00-18:00", "0001-01-01T00:00:00Z", "2026-03-10T00:00:00.120Z")) {
            assertThat(CommonForms.instant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void everythingElseIsLeftToTheGeneralParser() {
        for (String text : List.of("", "2026-01-10T10:00Z", "2026-01-10 10:00:00Z", "2026-01-10t10:00:00z",
                "2026-01-10T10:00:00", "2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-01-10T24:00:00Z", "2026-01-10T23:59:60Z", "2026-01-10T10:00:00.Z",
                "2026-01-10T10:00:00.1234567890Z", "2026-01-10T10:00:00+18:01", "2026-01-10T10:00:00+01:00:30",
                "2026-01-10T10:00:00+0100", "+12026-01-10T10:00:00Z", "2026-01-10T10:00:00Z ", "２０２６-01-10T10:00:00Z")) {
            assertThat(CommonForms.instant(text)).as(text).isNull();
        }
    }

    @Test
    void randomTimesAgreeWithOffsetDateTimeWheneverTheShortcutAnswers() {
        Random random = new Random(3);
        String alphabet = "0123456789-:T.Z+ ";
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", random.nextInt(3000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61),
                    random.nextInt(61), random.nextInt(1000)).toCharArray();
            for (int k = random.nextInt(3); k > 0; k--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String s = new String(text);
            Instant fast = CommonForms.instant(s);
            if (fast != null) {
                answered++;
                assertThat(fast).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
            }
        }
        assertThat(answered).isGreaterThan(10_000);
    }

    @Test
    void randomTimesThatParseAreAlmostAllCommon() {
        Random random = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            String s = Instant.ofEpochSecond(random.nextLong() % 5_000_000_000L, random.nextInt(1_000_000_000))
                    .toString();
            if (!s.startsWith("-") && !s.startsWith("+")) {
                assertThat(CommonForms.instant(s)).as(s).isEqualTo(Instant.parse(s));
            }
        }
    }

    @Test
    void commonNumbersAreNormalisedAsTheNormaliserDoes() {
        for (String text : List.of("442012345678", "+442012345678", "00442012345678", "+44 20 1234 5678",
                "0044-20-1234-5678", "+44.20.1234.5678", " +44 20", "-+44", "1", "123456789012345", "00 44 20")) {
            assertThat(CommonForms.e164(text)).as(text).isEqualTo(NumberNormalizer.plain().normalize(text));
        }
    }

    @Test
    void randomNumbersAgreeWithTheNormaliserOrAreLeftToIt() {
        Random random = new Random(5);
        String alphabet = "0000123456789+- .()#a\t";
        NumberNormalizer plain = NumberNormalizer.plain();
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(20); k >= 0; k--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            String fast = CommonForms.e164(text);
            String slow;
            try {
                slow = plain.normalize(text);
            } catch (InvalidNumberException e) {
                slow = null;
            }
            if (fast != null) {
                answered++;
                assertThat(fast).as("'" + text + "'").isEqualTo(slow);
            }
        }
        assertThat(answered).isGreaterThan(10_000);
    }

    @Test
    void refusedNumbersAreLeftToTheNormaliserToWord() {
        for (String text : List.of("", "   ", "0201234", "+0201234", "1234567890123456", "+44 (0)20 1234", "44x",
                "++44", "+", "00")) {
            assertThat(CommonForms.e164(text)).as(text).isNull();
        }
    }

    @Test
    void aBadTimeIsStillReportedByTheGeneralParser() {
        String text = "2026-02-30T10:00:00Z";
        assertThat(CommonForms.instant(text)).isNull();
        try {
            OffsetDateTime.parse(text);
            throw new AssertionError("parsed " + text);
        } catch (DateTimeParseException expected) {
            // what ReconCsv then reports, naming the row and field
        }
    }
}
