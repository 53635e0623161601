package io.tollgate.reports.export;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The calls an export reads: those set up in [{@code from}, {@code to}), optionally of one customer and one vendor.
 * The one place that turns a period and its filters into SQL conditions on {@code rated_cdrs} and binds their values.
 *
 * @param customer only this customer's calls, or null for all
 * @param vendor only this vendor's calls, or null for all; which column names the vendor is the export's choice
 *     (the vendor that carried the call, or the vendor of each route attempt)
 */
public record CallSelection(Instant from, Instant to, String customer, String vendor) {
    /** The vendor that carried the call (or was tried last): what margin and unrated exports filter on. */
    static final String CARRYING_VENDOR = "vendor_id";

    public CallSelection {
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " .. " + to);
        }
    }

    /** The conditions, the vendor being the carrying one, with a parameter for each value ({@link #bind}). */
    String conditions() {
        return conditions(CARRYING_VENDOR);
    }

    /** The conditions, the vendor filter applied to {@code vendorExpression} (a fixed expression, never user text). */
    String conditions(String vendorExpression) {
        return "setup_time >= ? AND setup_time < ?" + (customer == null ? "" : " AND customer_id = ?")
                + (vendor == null ? "" : " AND " + vendorExpression + " = ?");
    }

    /** Binds the values of {@link #conditions()} from the first parameter on. */
    void bind(PreparedStatement select) throws SQLException {
        bind(select, 1);
    }

    /** Binds the values of {@link #conditions()} from parameter {@code first} on; returns the next free parameter. */
    int bind(PreparedStatement select, int first) throws SQLException {
        int i = first;
        select.setObject(i++, from.atZone(ZoneOffset.UTC));
        select.setObject(i++, to.atZone(ZoneOffset.UTC));
        if (customer != null) {
            select.setString(i++, customer);
        }
        if (vendor != null) {
            select.setString(i++, vendor);
        }
        return i;
    }
}
