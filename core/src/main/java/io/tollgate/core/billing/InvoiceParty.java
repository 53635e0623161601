package io.tollgate.core.billing;

import java.util.List;

/** Who issues or receives an invoice, as printed on it. */
public record InvoiceParty(String name, List<String> addressLines, String country, String taxId) {
    public InvoiceParty {
        addressLines = List.copyOf(addressLines);
        taxId = taxId == null ? "" : taxId;
    }
}
