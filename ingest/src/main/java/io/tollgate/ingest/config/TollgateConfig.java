package io.tollgate.ingest.config;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.money.FxRates;

import io.tollgate.core.csv.BadInputException;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference data of {@code tollgate.yaml}: customers, vendors, where the services are and how the topics are laid out. Loading checks the
 * whole file and reports every problem at once, each named by key path and line; a loaded configuration is valid.
 * Its {@code toString} is safe to log: secrets print masked.
 *
 * @param source the file it was read from
 * @param fxRates exchange rates for margins across currencies; none when the section is absent
 * @param fraud the fraud rules and thresholds; the shipped ones when the section is absent
 * @param invoices issuer, numbering and schedules of invoices; neutral defaults when the section is absent
 * @param exports finance exports {@code tollgate serve} writes on schedule; none when the section is absent
 * @param console where the console listens and its API tokens; no tokens when the section is absent
 */
public record TollgateConfig(Path source, List<Customer> customers, List<Vendor> vendors, ServiceAddresses services,
                             TopicSettings topics, FxRates fxRates, FraudRuleSet fraud,
                             InvoiceSettings invoices, List<ScheduledExport> exports, ConsoleConfig console) {

    /** The sections read now. */
    public static final List<String> SECTIONS = List.of("customers", "vendors", "services", "topics", "fx_rates",
            "fraud", "invoices", "exports", "console");

    /**
     * Sections that later issues own (invoicing, console tokens): accepted and left unread until
     * then, so one file can already hold them. Any other unknown top-level key is refused as a typo.
     */
    public static final List<String> LATER_SECTIONS = List.of();

    public TollgateConfig {
        customers = List.copyOf(customers);
        vendors = List.copyOf(vendors);
        fxRates = fxRates == null ? FxRates.none() : fxRates;
        fraud = fraud == null ? FraudRuleSet.shipped() : fraud;
        invoices = invoices == null ? InvoiceSettings.defaults(source.toAbsolutePath().getParent()) : invoices;
        exports = exports == null ? List.of() : List.copyOf(exports);
        console = console == null ? ConsoleConfig.none() : console;
    }

    /** Reads and checks {@code file}, with overrides from the process environment. */
    public static TollgateConfig load(Path file) throws BadInputException {
        return load(file, System.getenv());
    }

    /** Reads and checks {@code file}, with overrides from {@code env} ({@link EnvironmentOverrides}). */
    public static TollgateConfig load(Path file, Map<String, String> env) throws BadInputException {
        return ConfigFile.read(file, env);
    }

    /** Each customer's time zone, in which fraud rule schedules are read. */
    public Map<String, ZoneId> customerZones() {
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        customers.forEach(c -> zones.put(c.id(), c.timeZone()));
        return zones;
    }

    public Optional<Customer> customer(String id) {
        return customers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The customer whose calls arrive on {@code endpoint}; there is at most one. */
    public Optional<Customer> customerAt(String endpoint) {
        return customers.stream().filter(c -> c.endpoints().contains(endpoint)).findFirst();
    }

    public Optional<Vendor> vendor(String id) {
        return vendors.stream().filter(v -> v.id().equals(id)).findFirst();
    }
}
