package io.tollgate.ingest.config;

import java.util.Currency;
import java.util.List;

/** Who carries our traffic on and bills us for it, priced by its deck. */
public record Vendor(String id, String name, Currency currency, List<Trunk> trunks, DeckRef deck) {
    public Vendor {
        trunks = List.copyOf(trunks);
    }

    /** Calls the vendor carries at once over all its trunks. */
    public int capacity() {
        return trunks.stream().mapToInt(Trunk::capacity).sum();
    }
}
