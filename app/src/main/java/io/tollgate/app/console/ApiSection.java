package io.tollgate.app.console;

/** One part of the console's API (alerts, instructions, invoices, ...): registers its endpoints on {@link Api}. */
public interface ApiSection {
    void register(Api api);
}
