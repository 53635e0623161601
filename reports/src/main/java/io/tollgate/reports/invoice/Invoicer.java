package io.tollgate.reports.invoice;

import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.Coverage;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoiceNumberFormat;
import io.tollgate.core.billing.InvoicePricing;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.core.billing.LineTotals;
import io.tollgate.core.money.FxRates;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.InvoiceSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The invoice life cycle over the store: drafts for customers and periods (rebuilt on every run), finalisation
 * (numbered, and from then on unchanged), voiding and credit notes.
 *
 * <p>Idempotent: invoicing a customer and period that already has a final invoice returns that invoice untouched;
 * a draft keeps its id. Calls that arrive, or are re-rated, after their period was finalised are billed as
 * adjustment lines on the customer's next invoice, never added to the closed one.
 */
public final class Invoicer {
    private static final Logger LOG = LoggerFactory.getLogger(Invoicer.class);

    /** A customer's period to invoice. */
    public record Due(Customer customer, BillingPeriod period) {
    }

    /** What invoicing one {@link Due} gave, and whether it was already final before this run. */
    public record Outcome(Due due, Invoice invoice, boolean alreadyFinal) {
    }

    public enum Mode { DRY_RUN, DRAFT, FINAL }

    private final InvoiceStore store;
    private final InvoiceSettings settings;
    private final FxRates fx;
    private final Clock clock;
    private final BiFunction<Customer, String, String> destinationNames;

    /** @param destinationNames a destination's name by customer and prefix, for decks the store does not hold */
    public Invoicer(InvoiceStore store, InvoiceSettings settings, FxRates fx, Clock clock,
                    BiFunction<Customer, String, String> destinationNames) {
        this.store = store;
        this.settings = settings;
        this.fx = fx;
        this.clock = clock;
        this.destinationNames = destinationNames;
    }

    public List<Outcome> invoice(List<Due> dues, Mode mode) throws SQLException {
        return invoice(dues, mode, true);
    }

    /** @param keepEmpty whether a period without calls still gets a (draft) invoice; an invoice run leaves them out */
    public List<Outcome> invoice(List<Due> dues, Mode mode, boolean keepEmpty) throws SQLException {
        Map<String, List<InvoiceStore.Stored>> existing = new LinkedHashMap<>();
        for (Due due : dues) {
            existing.computeIfAbsent(due.customer().id(), id -> storedFor(id));
        }
        Map<String, LocalDate> finalised = store.finalisedThrough(existing.keySet());
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (Due due : dues) {
            List<InvoiceStore.Stored> forPeriod = existing.get(due.customer().id()).stream()
                    .filter(s -> s.invoice().kind() == Invoice.Kind.INVOICE)
                    .filter(s -> s.invoice().period().equals(due.period())).toList();
            Optional<InvoiceStore.Stored> current = forPeriod.stream()
                    .filter(s -> s.invoice().status() != InvoiceStatus.VOID).findFirst();
            if (current.isPresent() && current.get().invoice().status() == InvoiceStatus.FINAL) {
                outcomes.add(new Outcome(due, current.get().invoice(), true));
                continue;
            }
            int generation = current.map(InvoiceStore.Stored::generation).orElse((int) forPeriod.stream()
                    .filter(s -> s.invoice().status() == InvoiceStatus.VOID).count());
            String id = current.map(s -> s.invoice().invoiceId())
                    .orElse(id("invoice", due.customer().id(), due.period().toString(), Integer.toString(generation)));
            pending.put(id, new Pending(due, scope(id, due, finalised.get(due.customer().id())), generation));
        }
        List<InvoiceScope> scopes = pending.values().stream().map(Pending::scope).toList();
        long started = System.nanoTime();
        if (mode == Mode.FINAL) {
            store.cover(scopes);
            LOG.debug("{} invoices: calls covered in {} ms", scopes.size(), (System.nanoTime() - started) / 1_000_000);
        }
        Map<String, List<CallGroup>> groups = byInvoice(store.groups(scopes, mode == Mode.FINAL));
        LOG.debug("{} invoices: lines read after {} ms", scopes.size(), (System.nanoTime() - started) / 1_000_000);
        List<Outcome> priced = new ArrayList<>();
        Map<String, Integer> generations = new LinkedHashMap<>();
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            Invoice invoice = priced(e.getKey(), p.due(), groups.getOrDefault(e.getKey(), List.of()));
            if (keepEmpty || invoice.coverage().calls() > 0) {
                generations.put(invoice.invoiceId(), p.generation());
                priced.add(new Outcome(p.due(), invoice, false));
            }
        }
        if (mode == Mode.FINAL) {
            // an invoice without calls stays a draft: a number is for something to pay
            List<Outcome> billed = finalised(priced.stream().filter(o -> o.invoice().coverage().calls() > 0)
                    .toList(), settings.invoiceNumbers());
            List<Outcome> empty = priced.stream().filter(o -> o.invoice().coverage().calls() == 0).toList();
            priced = new ArrayList<>(billed);
            priced.addAll(empty);
        }
        outcomes.addAll(priced);
        List<Invoice> written = priced.stream().map(Outcome::invoice).toList();
        LOG.debug("{} invoices: priced and numbered after {} ms", written.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (mode != Mode.DRY_RUN) {
            store.save(written, generations);
        }
        LOG.debug("{} invoices: saved after {} ms", written.size(), (System.nanoTime() - started) / 1_000_000);
        return outcomes;
    }

    /** Voids a final invoice: its number stays used; its calls may be invoiced again. */
    public Invoice voidInvoice(String reference) throws SQLException {
        InvoiceStore.Stored stored = find(reference);
        Invoice voided = stored.invoice().voided(clock.instant());
        store.save(List.of(voided), Map.of(voided.invoiceId(), stored.generation()));
        return voided;
    }

    /**
     * A credit note for the whole of a final invoice, as a draft or final (numbered in the credit note series). It
     * refers to the invoice by number, as it is printed.
     */
    public Invoice credit(String reference, Customer customer, boolean finalise) throws SQLException {
        Invoice credited = find(reference).invoice();
        if (credited.kind() != Invoice.Kind.INVOICE || credited.status() != InvoiceStatus.FINAL) {
            throw new IllegalStateException(credited.reference() + " is a " + credited.status().label() + " "
                    + credited.kind().label() + "; only a final invoice can be credited");
        }
        List<InvoiceStore.Stored> notes = storedFor(credited.customerId()).stream()
                .filter(s -> s.invoice().creditFor().equals(credited.number())).toList();
        Optional<InvoiceStore.Stored> open = notes.stream()
                .filter(s -> s.invoice().status() != InvoiceStatus.VOID).findFirst();
        if (open.isPresent() && open.get().invoice().status() == InvoiceStatus.FINAL) {
            return open.get().invoice();
        }
        String id = open.map(s -> s.invoice().invoiceId())
                .orElse(id("credit", credited.invoiceId(), Integer.toString(notes.size())));
        Invoice note = new Invoice(id, "", Invoice.Kind.CREDIT_NOTE, InvoiceStatus.DRAFT, credited.customerId(),
                credited.period(), credited.currency(), credited.amounts().negated(), Coverage.NONE,
                credited.number(), null, null, clock.instant());
        Due due = new Due(customer, credited.period());
        Invoice written = finalise ? finalised(note, settings.creditNoteNumbers(), due) : note;
        store.save(List.of(written), Map.of(id, 0));
        return written;
    }

    /** Finalises a draft kept in the store, rebuilt from the calls as they are now. */
    public Outcome finalise(String reference, Customer customer) throws SQLException {
        Invoice draft = find(reference).invoice();
        if (draft.kind() == Invoice.Kind.CREDIT_NOTE) {
            return new Outcome(new Due(customer, draft.period()), credit(draft.creditFor(), customer, true), false);
        }
        draft.status().checkMoveTo(InvoiceStatus.FINAL, draft.reference());
        return invoice(List.of(new Due(customer, draft.period())), Mode.FINAL).get(0);
    }

    /** What a final invoice says it covers, and what the store's list of its calls gives now. */
    public record Check(Invoice invoice, Coverage recounted) {
        public boolean holds() {
            return invoice.coverage().sameAs(recounted);
        }
    }

    public Check verify(String reference) throws SQLException {
        Invoice invoice = find(reference).invoice();
        if (invoice.status() == InvoiceStatus.DRAFT || invoice.kind() == Invoice.Kind.CREDIT_NOTE) {
            throw new IllegalStateException(invoice.reference() + " is a " + invoice.status().label() + " "
                    + invoice.kind().label() + "; only final invoices record the calls they cover");
        }
        return new Check(invoice, store.recount(invoice.invoiceId()));
    }

    public Optional<InvoiceStore.Stored> lookup(String reference) throws SQLException {
        return store.find(reference);
    }

    private InvoiceStore.Stored find(String reference) throws SQLException {
        return store.find(reference).orElseThrow(() -> new IllegalArgumentException("no invoice numbered or with id '"
                + reference + "'; tollgate invoice list shows them"));
    }

    private List<InvoiceStore.Stored> storedFor(String customer) {
        try {
            return store.forCustomer(customer);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the invoices of " + customer + ": " + e.getMessage(), e);
        }
    }

    private InvoiceScope scope(String id, Due due, LocalDate finalisedThrough) {
        var zone = due.customer().timeZone();
        Instant start = due.period().start(zone);
        Instant adjustUntil = finalisedThrough == null ? start
                : min(start, finalisedThrough.plusDays(1).atStartOfDay(zone).toInstant());
        Instant lookback = start.minus(settings.adjustmentDays(), ChronoUnit.DAYS);
        return new InvoiceScope(id, due.customer().id(), start, due.period().end(zone), adjustUntil, lookback);
    }

    private Invoice priced(String id, Due due, List<CallGroup> groups) {
        Customer customer = due.customer();
        List<LineTotals> lines = groups.stream().map(g -> named(customer, g.totals())).toList();
        InvoiceAmounts amounts = InvoicePricing.price(lines, customer.currency(), customer.taxProfile(), fx,
                due.period().end(customer.timeZone()));
        return new Invoice(id, "", Invoice.Kind.INVOICE, InvoiceStatus.DRAFT, customer.id(), due.period(),
                customer.currency(), amounts, coverage(groups), "", null, null, clock.instant());
    }

    private LineTotals named(Customer customer, LineTotals t) {
        if (!t.destination().isEmpty()) {
            return t;
        }
        String name = destinationNames.apply(customer, t.prefix());
        return new LineTotals(name == null ? "" : name, t.prefix(), t.rate(), t.currency(), t.calls(),
                t.billedSeconds(), t.amount(), t.adjustment());
    }

    private Invoice finalised(Invoice draft, InvoiceNumberFormat format, Due due) throws SQLException {
        return finalised(List.of(new Outcome(due, draft, false)), format).get(0).invoice();
    }

    /** Numbers the documents, in list order within each series (an issue date in each customer's zone). */
    private List<Outcome> finalised(List<Outcome> drafts, InvoiceNumberFormat format) throws SQLException {
        Instant now = clock.instant();
        Map<String, List<String>> bySeries = new LinkedHashMap<>();
        for (Outcome o : drafts) {
            bySeries.computeIfAbsent(format.series(issuedOn(o.due(), now)), k -> new ArrayList<>())
                    .add(o.invoice().invoiceId());
        }
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> series : bySeries.entrySet()) {
            numbers.putAll(store.claimNumbers(series.getKey(), series.getValue()));
        }
        List<Outcome> finals = new ArrayList<>();
        for (Outcome o : drafts) {
            long seq = numbers.get(o.invoice().invoiceId());
            LocalDate issued = issuedOn(o.due(), now);
            finals.add(new Outcome(o.due(), o.invoice().finalised(format.format(issued, seq), issued,
                    issued.plusDays(settings.paymentDays()), now), false));
        }
        return finals;
    }

    private static LocalDate issuedOn(Due due, Instant now) {
        return LocalDate.ofInstant(now, due.customer().timeZone());
    }

    static Coverage coverage(List<CallGroup> groups) {
        long calls = 0;
        long a = 0;
        long b = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (CallGroup g : groups) {
            calls += g.totals().calls();
            amount = amount.add(g.totals().amount());
            a ^= g.digestA();
            b ^= g.digestB();
        }
        return Coverage.of(calls, amount, a, b);
    }

    private static Map<String, List<CallGroup>> byInvoice(List<CallGroup> groups) {
        Map<String, List<CallGroup>> by = new LinkedHashMap<>();
        groups.forEach(g -> by.computeIfAbsent(g.invoiceId(), k -> new ArrayList<>()).add(g));
        return by;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Ids are derived from what they invoice, so a rerun finds the same one. */
    static String id(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return "inv-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(Due due, InvoiceScope scope, int generation) {
    }
}
