package io.tollgate.app.testing;

/**
 * The parties the finance and console tests configure, as {@code tollgate.yaml} list items, so that each test
 * writes only what is its own (number formats, services, output folder).
 */
public final class TestConfigs {
    /** acme: EUR, Berlin, monthly from the 1st, 19 % VAT; its deck is the store's {@code customer-acme}. */
    public static final String ACME = """
              - id: acme
                name: Acme Telecom GmbH
                address: {lines: [Friedrichstrasse 100, 10117 Berlin], country: DE}
                currency: EUR
                time_zone: Europe/Berlin
                billing_cycle: monthly
                tax_profile: {kind: standard, rate: 0.19}
                limits: {concurrent_calls: 5, cps: 1, credit: 100}
                endpoints: [acme]
                deck: customer-acme
            """;

    /** globex: USD, Chicago, monthly from the 1st, tax exempt; its deck is the store's {@code customer-globex}. */
    public static final String GLOBEX = """
              - id: globex
                name: Globex Corporation
                address: {lines: [4 Cypress Creek Parkway, Houston TX 77068], country: US}
                currency: USD
                time_zone: America/Chicago
                billing_cycle: monthly
                tax_profile: {kind: exempt}
                limits: {concurrent_calls: 5, cps: 1, credit: 100}
                endpoints: [globex]
                deck: customer-globex
            """;

    private TestConfigs() {
    }

    /** A vendor in EUR with one trunk of its own name and the store's deck of the same id. */
    public static String vendor(String id, String name) {
        return """
                  - id: %s
                    name: %s
                    currency: EUR
                    trunks: [{endpoint: %s, capacity: 10}]
                    deck: %s
                """.formatted(id, name, id, id);
    }
}
