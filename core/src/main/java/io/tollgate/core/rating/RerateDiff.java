package io.tollgate.core.rating;

import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a re-rating changes, per customer of the calls re-rated: calls, calls changed, calls unrated before and after,
 * the re-priced leg's amounts before and after (in that leg's currency: the customer's for revenue, the vendor's for
 * cost) and the margins before and after (in the customer's currency; an unrated call has no margin and adds none).
 *
 * <p>A call has changed when the re-priced leg's amount, the margin, or the reason it is unrated differs; a new deck
 * version that prices a call the same is not a change.
 */
public final class RerateDiff {
    private final Party side;
    private final Currency currency;
    private final Map<String, Tally> byCustomer = new TreeMap<>();

    /** The totals of one customer's calls, or of all of them ({@link #total}). */
    public record Line(String customer, long calls, long changed, long unratedBefore, long unratedAfter,
                       Currency currency, BigDecimal amountBefore, BigDecimal amountAfter, Currency marginCurrency,
                       BigDecimal marginBefore, BigDecimal marginAfter) {

        public BigDecimal amountChange() {
            return amountAfter.subtract(amountBefore);
        }

        /** Null when the margins are in several currencies (a total over customers invoiced in different ones). */
        public BigDecimal marginChange() {
            return marginBefore == null ? null : marginAfter.subtract(marginBefore);
        }
    }

    /** One customer's running totals. */
    private static final class Tally {
        long calls;
        long changed;
        long unratedBefore;
        long unratedAfter;
        BigDecimal amountBefore = BigDecimal.ZERO;
        BigDecimal amountAfter = BigDecimal.ZERO;
        Currency marginCurrency;
        BigDecimal marginBefore = BigDecimal.ZERO;
        BigDecimal marginAfter = BigDecimal.ZERO;
    }

    /** @param currency the currency of the re-priced leg: the new deck's */
    public RerateDiff(Party side, Currency currency) {
        this.side = Objects.requireNonNull(side, "side");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /**
     * Counts one call: as it was stored, and as the new deck rates it.
     *
     * @return whether the call changed
     */
    public boolean add(RatedCdr before, RatedCdr after) {
        Tally t = byCustomer.computeIfAbsent(Objects.requireNonNullElse(before.cdr().customer(), ""), c -> new Tally());
        if (t.marginCurrency == null) {
            t.marginCurrency = after.currency() != null ? after.currency() : before.currency();
        }
        BigDecimal amountBefore = amount(before);
        BigDecimal amountAfter = amount(after);
        BigDecimal marginBefore = margin(before);
        BigDecimal marginAfter = margin(after);
        boolean changed = amountBefore.compareTo(amountAfter) != 0 || marginBefore.compareTo(marginAfter) != 0
                || !Objects.equals(before.unratedReason(), after.unratedReason());
        t.calls++;
        t.changed += changed ? 1 : 0;
        t.unratedBefore += before.rated() ? 0 : 1;
        t.unratedAfter += after.rated() ? 0 : 1;
        t.amountBefore = t.amountBefore.add(amountBefore);
        t.amountAfter = t.amountAfter.add(amountAfter);
        t.marginBefore = t.marginBefore.add(marginBefore);
        t.marginAfter = t.marginAfter.add(marginAfter);
        return changed;
    }

    /** One line per customer, by customer id. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customer, t) -> lines.add(new Line(customer, t.calls, t.changed, t.unratedBefore,
                t.unratedAfter, currency, t.amountBefore, t.amountAfter, t.marginCurrency, t.marginBefore,
                t.marginAfter)));
        return lines;
    }

    /** All customers together, named {@code total}; the margins only when all are in one currency, else null. */
    public Line total() {
        Tally all = new Tally();
        boolean oneCurrency = true;
        for (Tally t : byCustomer.values()) {
            oneCurrency &= all.calls == 0 || Objects.equals(all.marginCurrency, t.marginCurrency);
            all.marginCurrency = t.marginCurrency;
            all.calls += t.calls;
            all.changed += t.changed;
            all.unratedBefore += t.unratedBefore;
            all.unratedAfter += t.unratedAfter;
            all.amountBefore = all.amountBefore.add(t.amountBefore);
            all.amountAfter = all.amountAfter.add(t.amountAfter);
            all.marginBefore = all.marginBefore.add(t.marginBefore);
            all.marginAfter = all.marginAfter.add(t.marginAfter);
        }
        return new Line("total", all.calls, all.changed, all.unratedBefore, all.unratedAfter, currency,
                all.amountBefore, all.amountAfter, oneCurrency ? all.marginCurrency : null,
                oneCurrency ? all.marginBefore : null, oneCurrency ? all.marginAfter : null);
    }

    /** The re-priced leg's amount; zero where it could not be priced. */
    private BigDecimal amount(RatedCdr rated) {
        RatedLeg leg = side == Party.CUSTOMER ? rated.customerLeg() : rated.vendorLeg();
        return leg == null ? BigDecimal.ZERO : leg.amount();
    }

    private static BigDecimal margin(RatedCdr rated) {
        return rated.margin() == null ? BigDecimal.ZERO : rated.margin();
    }
}
