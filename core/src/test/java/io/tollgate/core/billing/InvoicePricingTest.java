package io.tollgate.core.billing;

import io.tollgate.core.money.FxRates;
import io.tollgate.core.money.Rounding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoicePricingTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Instant AT = Instant.parse("2026-04-01T00:00:00Z");
    private static final TaxProfile VAT_19 = new TaxProfile(TaxProfile.Kind.STANDARD, new BigDecimal("0.19"), "");
    private static final TaxProfile EXEMPT = new TaxProfile(TaxProfile.Kind.EXEMPT, BigDecimal.ZERO, "");

    private static LineTotals line(String prefix, String amount, Currency currency) {
        return new LineTotals("Dest " + prefix, prefix, new BigDecimal("0.010000"), currency, 1, 60,
                new BigDecimal(amount), false);
    }

    @Test
    void theNetIsTheExactSumOfTheCallsRoundedOnceAndTheLinesAddUpToIt() {
        // three lines of 0.005 each: rounded one by one they would print 0.03, the calls are worth 0.015 -> 0.02
        List<LineTotals> lines = List.of(line("1", "0.005000", EUR), line("2", "0.005000", EUR),
                line("3", "0.005000", EUR));

        InvoiceAmounts amounts = InvoicePricing.price(lines, EUR, EXEMPT, FxRates.none(), AT);

        assertThat(amounts.net()).isEqualByComparingTo("0.02");
        assertThat(sum(amounts)).isEqualByComparingTo(amounts.net());
        assertThat(amounts.lines()).extracting(InvoiceLine::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.00"));
    }

    @Test
    void linesAlwaysAddUpToTheNetAndTheNetToTheCallsToTheCent() {
        Random random = new Random(7);
        for (int invoice = 0; invoice < 500; invoice++) {
            List<LineTotals> lines = new ArrayList<>();
            BigDecimal calls = BigDecimal.ZERO;
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_000_000) - 200_000, 6);
                calls = calls.add(amount);
                lines.add(line(Integer.toString(i), amount.toPlainString(), EUR));
            }

            InvoiceAmounts amounts = InvoicePricing.price(lines, EUR, VAT_19, FxRates.none(), AT);

            assertThat(amounts.net()).isEqualByComparingTo(calls.setScale(2, RoundingMode.HALF_UP));
            assertThat(sum(amounts)).isEqualByComparingTo(amounts.net());
            for (InvoiceLine l : amounts.lines()) {
                assertThat(l.amount().subtract(l.exact()).abs()).isLessThan(new BigDecimal("0.01"));
            }
        }
    }

    @Test
    void standardTaxIsChargedOnTheNetAndRoundedOnce() {
        InvoiceAmounts amounts = InvoicePricing.price(List.of(line("1", "10.004000", EUR), line("2", "0.500000", EUR)),
                EUR, VAT_19, FxRates.none(), AT);

        assertThat(amounts.net()).isEqualByComparingTo("10.50");
        assertThat(amounts.tax()).isEqualByComparingTo("2.00"); // 10.50 * 0.19 = 1.995
        assertThat(amounts.total()).isEqualByComparingTo("12.50");
        assertThat(amounts.taxNote()).isEmpty();
    }

    @Test
    void reverseChargeAndExemptInvoicesCarryNoTaxButSaySo() {
        TaxProfile reverse = new TaxProfile(TaxProfile.Kind.REVERSE_CHARGE, BigDecimal.ZERO, "GB123456789");

        InvoiceAmounts reversed = InvoicePricing.price(List.of(line("1", "10", EUR)), EUR, reverse, FxRates.none(), AT);
        InvoiceAmounts exempt = InvoicePricing.price(List.of(line("1", "10", EUR)), EUR, EXEMPT, FxRates.none(), AT);

        assertThat(reversed.tax()).isZero();
        assertThat(reversed.total()).isEqualByComparingTo("10.00");
        assertThat(reversed.taxNote()).contains("Reverse charge").contains("GB123456789");
        assertThat(exempt.taxNote()).contains("Exempt");
    }

    @Test
    void callsRatedInAnotherCurrencyAreConvertedAtTheRateInForceAndTheRateIsShown() {
        FxRates fx = FxRates.of(List.of(
                new FxRates.FxRate(EUR, USD, new BigDecimal("1.08"), Instant.parse("2026-01-01T00:00:00Z")),
                new FxRates.FxRate(EUR, USD, new BigDecimal("1.10"), Instant.parse("2026-04-01T00:00:01Z"))));

        InvoiceAmounts amounts = InvoicePricing.price(List.of(line("1", "10.000005", EUR), line("2", "1", USD)),
                USD, EXEMPT, fx, AT);

        // 10.000005 EUR * 1.08 = 10.8000054 USD, + 1 USD = 11.8000054 -> 11.80
        assertThat(amounts.exactNet()).isEqualByComparingTo("11.8000054");
        assertThat(amounts.net()).isEqualByComparingTo("11.80");
        assertThat(amounts.lines().get(0).rate()).isEqualByComparingTo("0.010800");
        assertThat(amounts.conversions()).singleElement()
                .satisfies(c -> assertThat(c.note()).contains("1 EUR = 1.08 USD"));
    }

    @Test
    void aMissingExchangeRateRefusesTheInvoice() {
        assertThatThrownBy(() -> InvoicePricing.price(List.of(line("1", "1", EUR)), USD, EXEMPT, FxRates.none(), AT))
                .isInstanceOf(MissingFxRateException.class).hasMessageContaining("EUR -> USD");
    }

    @Test
    void amountsFollowTheCurrencysMinorUnit() {
        InvoiceAmounts yen = InvoicePricing.price(List.of(line("1", "100.4", JPY), line("2", "100.4", JPY)),
                JPY, EXEMPT, FxRates.none(), AT);

        assertThat(yen.net()).isEqualByComparingTo("201");
        assertThat(sum(yen)).isEqualByComparingTo("201");
    }

    @Test
    void aCreditNoteTurnsEverySign() {
        InvoiceAmounts amounts = InvoicePricing.price(List.of(line("1", "3.333333", EUR)), EUR, VAT_19,
                FxRates.none(), AT);

        InvoiceAmounts credit = amounts.negated();

        assertThat(credit.total()).isEqualByComparingTo(amounts.total().negate());
        assertThat(sum(credit)).isEqualByComparingTo(credit.net());
    }

    @Test
    void allocationHandlesNegativeAdjustments() {
        List<BigDecimal> exact = List.of(new BigDecimal("-0.005"), new BigDecimal("-0.005"), new BigDecimal("0.004"));
        BigDecimal total = new BigDecimal("-0.01"); // -0.006 rounded

        List<BigDecimal> lines = InvoicePricing.allocate(exact, total, new Rounding(2, RoundingMode.HALF_UP));

        assertThat(lines.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(total);
    }

    private static BigDecimal sum(InvoiceAmounts amounts) {
        return amounts.lines().stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
