package io.tollgate.jobs.cdr;

import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.jobs.rating.DeckCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;

/** Decks of the function tests: acme pays 0.0500/min to 49, vendor-b costs 0.0100 (file) or 0.0300 (stored v2). */
final class TestDecks {
    static final Currency EUR = Currency.getInstance("EUR");

    /** The deck store of these tests: any stored version costs 0.0300 per minute to 49. */
    static final DeckCatalog.StoredDecks STORE = (owner, version) -> RateDeck.of(List.of(RateRow.simple("49", "0.0300")));

    private TestDecks() {
    }

    static DeckCatalog catalog(Path dir) throws IOException {
        Path customer = Files.writeString(dir.resolve("wholesale-eur.csv"), "prefix,rate\n49,0.0500\n");
        Path vendor = Files.writeString(dir.resolve("vendor-b.csv"), "prefix,rate\n49,0.0100\n");
        return new DeckCatalog(List.of(
                new DeckCatalog.Entry(Party.CUSTOMER, "acme", EUR, customer.toString(), null),
                new DeckCatalog.Entry(Party.VENDOR, "vendor-b", EUR, vendor.toString(), null)),
                FxRates.none(), STORE);
    }
}
