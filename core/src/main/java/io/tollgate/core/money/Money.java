package io.tollgate.core.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An exact amount in one currency. Arithmetic across currencies is refused, not converted. */
public record Money(BigDecimal amount, Currency currency) {
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money rounded(Rounding rounding) {
        return new Money(rounding.apply(amount), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** Equal amounts regardless of scale: 1.50 EUR equals 1.5 EUR. */
    public boolean sameValueAs(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    /** Plain decimal, never an exponent: the form every export and CSV uses. */
    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other + ": currencies differ");
        }
        return other;
    }
}
