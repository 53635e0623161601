package io.tollgate.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void addsAndSubtractsExactlyInOneCurrency() {
        Money a = Money.of("0.1", "EUR");
        Money b = Money.of("0.2", "EUR");
        assertThat(a.plus(b)).isEqualTo(Money.of("0.3", "EUR"));
        assertThat(a.minus(b)).isEqualTo(Money.of("-0.1", "EUR"));
        assertThat(a.minus(b).isNegative()).isTrue();
        assertThat(b.minus(a).isNegative()).isFalse();
        assertThat(Money.zero(EUR).isNegative()).isFalse();
    }

    @Test
    void refusesToAddOrSubtractAcrossCurrencies() {
        Money eur = Money.of("1.00", "EUR");
        Money usd = Money.of("1.00", "USD");
        assertThatThrownBy(() -> eur.plus(usd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.00 EUR")
                .hasMessageContaining("1.00 USD")
                .hasMessageContaining("currencies differ");
        assertThatThrownBy(() -> usd.minus(eur))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currencies differ");
    }

    @Test
    void sameValueIgnoresScaleButNotCurrency() {
        assertThat(Money.of("1.50", "EUR").sameValueAs(Money.of("1.5", "EUR"))).isTrue();
        assertThat(Money.of("1.50", "EUR")).isNotEqualTo(Money.of("1.5", "EUR"));
        assertThat(Money.of("1.50", "EUR").sameValueAs(Money.of("1.50", "USD"))).isFalse();
        assertThat(Money.of("1.50", "EUR").sameValueAs(Money.of("1.51", "EUR"))).isFalse();
    }

    @Test
    void roundsByTheRuleAndKeepsTheCurrency() {
        Money m = Money.of("0.0001666", "GBP");
        assertThat(m.rounded(new Rounding(6, RoundingMode.HALF_UP))).isEqualTo(Money.of("0.000167", "GBP"));
        assertThat(m.rounded(new Rounding(6, RoundingMode.DOWN))).isEqualTo(Money.of("0.000166", "GBP"));
        assertThat(m.rounded(new Rounding(2, RoundingMode.UP))).isEqualTo(Money.of("0.01", "GBP"));
    }

    @Test
    void printsPlainDecimalsNeverAnExponent() {
        Money tiny = new Money(new BigDecimal("1E-7"), EUR);
        assertThat(tiny.toPlainString()).isEqualTo("0.0000001");
        assertThat(tiny.toString()).isEqualTo("0.0000001 EUR");
        assertThat(new Money(new BigDecimal("1.2E+3"), EUR).toPlainString()).isEqualTo("1200");
    }

    @Test
    void refusesMissingAmountOrCurrency() {
        assertThatThrownBy(() -> new Money(null, EUR)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void refusesAnUnknownCurrencyCode() {
        assertThatThrownBy(() -> Money.of("1", "XYZQ")).isInstanceOf(IllegalArgumentException.class);
    }
}
