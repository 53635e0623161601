package io.tollgate.jobs.fraud.features;

import java.math.BigDecimal;

/**
 * What a customer's rated calls cost it, per minute of their end, in the customer's currency. A customer billed in a
 * new currency starts its spend afresh: amounts in two currencies do not add up.
 */
public final class Spend {
    private String currency;
    private MinuteAmounts amounts = new MinuteAmounts();

    public Spend() {
    }

    void add(long minute, String currencyCode, BigDecimal amount) {
        if (currency != null && !currency.equals(currencyCode)) {
            amounts.clear();
        }
        currency = currencyCode;
        amounts.add(minute, amount);
    }

    String currency() {
        return currency;
    }

    /** The spend of the {@code minutes} minutes up to and including {@code nowMinute}. */
    BigDecimal last(long nowMinute, int minutes) {
        return amounts.sum(nowMinute - minutes + 1, nowMinute + 1);
    }

    void ensureCapacity(int minutes) {
        amounts.ensureCapacity(minutes);
    }
}
