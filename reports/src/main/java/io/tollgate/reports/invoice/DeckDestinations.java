package io.tollgate.reports.invoice;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.RateRow;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.DeckRef;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Destination names from a customer's deck file, for lines whose deck the store does not hold (a deck given in the
 * configuration as a file rather than imported). Each file is read once.
 */
public final class DeckDestinations implements BiFunction<Customer, String, String> {
    private final Map<String, Map<String, String>> byCustomer = new HashMap<>();

    @Override
    public synchronized String apply(Customer customer, String prefix) {
        return byCustomer.computeIfAbsent(customer.id(), id -> names(customer.deck())).get(prefix);
    }

    private static Map<String, String> names(DeckRef deck) {
        Map<String, String> names = new HashMap<>();
        if (deck instanceof DeckRef.DeckFile file) {
            try {
                for (RateRow row : RateDeckCsv.read(file.path(), Rounding.DEFAULT, RateDeckCsv.BadRows.QUARANTINE)
                        .deck().rows()) {
                    names.putIfAbsent(row.prefix(), row.destination());
                }
            } catch (BadInputException e) {
                return names; // a deck that no longer reads leaves its lines named by prefix
            }
        }
        return names;
    }
}
