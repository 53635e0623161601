package io.tollgate.ingest.config;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** When a customer's invoice periods start, in the customer's time zone. */
public sealed interface BillingCycle {

    /** A period per calendar month, starting on {@code dayOfMonth} (1-28, so every month has it). */
    record Monthly(int dayOfMonth) implements BillingCycle {
    }

    /** A period per week, starting on {@code startsOn}. */
    record Weekly(DayOfWeek startsOn) implements BillingCycle {
    }

    /** Periods of {@code lengthDays} days, the first starting on {@code firstDay}. */
    record Custom(LocalDate firstDay, int lengthDays) implements BillingCycle {
    }
}
