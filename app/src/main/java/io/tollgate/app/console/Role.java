package io.tollgate.app.console;

import io.javalin.security.RouteRole;

import java.util.Locale;

/** What a console token may do; every endpoint names the roles it is open to, and {@link #ADMIN} may do everything. */
public enum Role implements RouteRole {
    /** Instructions (blocks, vendor priorities) and statistics. */
    TRADER,
    /** Invoices, exports, reconciliation. */
    FINANCE,
    /** Alerts and blocks. */
    FRAUD,
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role of(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a role: trader, finance, fraud or admin");
    }
}
