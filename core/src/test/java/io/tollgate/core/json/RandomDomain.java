package io.tollgate.core.json;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.Severity;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.tollgate.core.testing.Draw.between;
import static io.tollgate.core.testing.Draw.chance;
import static io.tollgate.core.testing.Draw.listOf;
import static io.tollgate.core.testing.Draw.mapOf;
import static io.tollgate.core.testing.Draw.oneOf;
import static io.tollgate.core.testing.Draw.orNull;
import static io.tollgate.core.testing.Draw.string;

/**
 * Random but valid domain values, including the awkward ones: odd text, big and tiny decimals, nulls; and a few
 * hand-made extremes of each message type to check first.
 */
final class RandomDomain {

    private static final long YEAR_2100_S = 4_102_444_800L;
    private static final Instant LAST_INSTANT = Instant.ofEpochSecond(YEAR_2100_S, 999_999_999);
    private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(22);
    /** What breaks JSON writers and readers: quotes, escapes, controls, line separators, the ends of the BMP. */
    private static final String AWKWARD = "\"\\/'\u0000\u0001\b\t\n\f\r\u001f \u007f\u0080\u00a0\u2028\u2029\ud7ff\ue000\ufeff\ufffd";
    private static final String ID_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@";
    /** 24 characters of {@link #AWKWARD}: the longest text, made of nothing but trouble. */
    private static final String NASTY = (AWKWARD + AWKWARD).substring(0, 24);

    private RandomDomain() {
    }

    /**
     * Any text a producer might send, 1 to 24 code points: often one of the awkward characters, else any
     * character outside the surrogate range, now and then one beyond the BMP (a valid surrogate pair).
     */
    static String text(Random r) {
        return string(r, 1, 24, rr -> {
            int kind = rr.nextInt(20);
            if (kind < 5) {
                return AWKWARD.charAt(rr.nextInt(AWKWARD.length()));
            }
            if (kind == 5) {
                return rr.nextInt(0x10000, 0x110000);
            }
            int c = rr.nextInt(0xD800 + 0x1FFE); // \u0000..\uD7FF, then \uE000..\uFFFD
            return c < 0xD800 ? c : c - 0xD800 + 0xE000;
        });
    }

    /** Account ids as they go into instruction subjects. */
    static String id(Random r) {
        return string(r, ID_CHARS, 1, 16);
    }

    static String prefix(Random r) {
        return string(r, "0123456789", 1, 15);
    }

    static Integer cause(Random r) {
        return between(r, 0, 127);
    }

    static Instant instant(Random r) {
        return Instant.ofEpochSecond(between(r, 0, YEAR_2100_S), between(r, 0, 999_999_999));
    }

    /** Decimals of any sign with up to 12 fraction digits, trailing zeros included (their scale must survive). */
    static BigDecimal decimal(Random r) {
        return new BigDecimal(between(r, MAX_UNSCALED.negate(), MAX_UNSCALED), between(r, 0, 12));
    }

    static BigDecimal nonNegativeDecimal(Random r) {
        return decimal(r).abs();
    }

    static long nonNegativeLong(Random r) {
        return between(r, 0, Long.MAX_VALUE);
    }

    static CallEvent callEvent(Random r) {
        return new CallEvent(oneOf(r, CallEvent.Type.class), text(r), orNull(r, 0.2, RandomDomain::text),
                instant(r), orNull(r, 0.2, RandomDomain::text), orNull(r, 0.2, RandomDomain::text),
                orNull(r, 0.2, RandomDomain::text), orNull(r, 0.2, RandomDomain::text),
                orNull(r, 0.3, RandomDomain::cause), orNull(r, 0.2, RandomDomain::text), nonNegativeLong(r));
    }

    static CallAttempt callAttempt(Random r) {
        return new CallAttempt(text(r), orNull(r, 0.2, RandomDomain::text), orNull(r, 0.2, RandomDomain::cause),
                orNull(r, 0.2, rr -> between(rr, 0L, 120_000L)), r.nextBoolean());
    }

    static Cdr cdr(Random r) {
        String callId = text(r);
        String customer = orNull(r, 0.1, RandomDomain::text);
        String aNumber = orNull(r, 0.2, RandomDomain::text);
        String bNumber = orNull(r, 0.1, RandomDomain::text);
        Instant setup = instant(r);
        boolean answered = r.nextBoolean();
        long nanos = between(r, 0, 60_000_000_000L);
        BigDecimal duration = nonNegativeDecimal(r);
        Disposition otherwise = unanswered(r);
        Integer cause = orNull(r, 0.1, RandomDomain::cause);
        List<CallAttempt> attempts = listOf(r, 0, 4, RandomDomain::callAttempt);
        Instant answer = answered ? setup.plus(Duration.ofNanos(nanos / 3)) : null;
        Instant end = setup.plus(Duration.ofNanos(nanos));
        Set<CdrFlag> flags = r.nextInt(4) == 0 ? EnumSet.of(oneOf(r, CdrFlag.class)) : Set.of();
        return new Cdr(callId, customer, aNumber, bNumber, setup, answer, end,
                answered ? duration : BigDecimal.ZERO, answered ? Disposition.ANSWERED : otherwise, cause, attempts,
                flags);
    }

    private static Disposition unanswered(Random r) {
        Disposition d;
        do {
            d = oneOf(r, Disposition.class);
        } while (d == Disposition.ANSWERED);
        return d;
    }

    static RatedLeg ratedLeg(Random r) {
        return ratedLeg(r, currency(r));
    }

    static RatedLeg ratedLeg(Random r, Currency currency) {
        return new RatedLeg(text(r), (int) between(r, 0, 1000L), currency, prefix(r), nonNegativeDecimal(r),
                between(r, 0, 86_400L), decimal(r));
    }

    static Currency currency(Random r) {
        return Currency.getInstance(oneOf(r, "EUR", "USD", "GBP", "CHF", "JPY"));
    }

    /** Rated and unrated, half and half. */
    static RatedCdr ratedCdr(Random r) {
        if (r.nextBoolean()) {
            BigDecimal fx = r.nextBoolean() ? BigDecimal.ONE : nonNegativeDecimal(r);
            return RatedCdr.rated(cdr(r), orNull(r, 0.1, RandomDomain::text), ratedLeg(r), ratedLeg(r), fx);
        }
        return RatedCdr.unrated(cdr(r), orNull(r, 0.3, RandomDomain::text), orNull(r, 0.5, RandomDomain::ratedLeg),
                orNull(r, 0.5, RandomDomain::ratedLeg), orNull(r, 0.3, RandomDomain::currency),
                oneOf(r, "no_rate", "bad_number", "customer:no_rate"));
    }

    static Evidence evidence(Random r) {
        Instant start = instant(r);
        long millis = between(r, 0, 86_400_000L);
        Map<String, Long> counts = mapOf(r, 0, 5, RandomDomain::text, rr -> between(rr, Long.MIN_VALUE, Long.MAX_VALUE));
        Map<String, BigDecimal> amounts = mapOf(r, 0, 5, RandomDomain::text, RandomDomain::decimal);
        List<String> samples = listOf(r, 0, 5, RandomDomain::text);
        return new Evidence(start, start.plusMillis(millis), counts, amounts, samples);
    }

    static FraudAlert fraudAlert(Random r) {
        String rule = text(r);
        Severity severity = oneOf(r, Severity.class);
        String customer = text(r);
        String subject = text(r);
        Evidence evidence = evidence(r);
        Instant first = instant(r);
        return new FraudAlert(rule, severity, customer, subject, evidence, first,
                first.plusMillis(between(r, 0, 86_400_000L)));
    }

    private static String issuer(Random r) {
        String issuer;
        do {
            issuer = text(r);
        } while (issuer.isBlank());
        return issuer;
    }

    /** Block, unblock, vendor priority, limit and deck activation, a fifth each. */
    static Instruction instruction(Random r) {
        switch (r.nextInt(5)) {
            case 0, 1 -> {
                String customer;
                String prefix;
                String vendor;
                do {
                    customer = orNull(r, 0.5, RandomDomain::id);
                    prefix = orNull(r, 0.5, RandomDomain::prefix);
                    vendor = orNull(r, 0.5, RandomDomain::id);
                } while (customer == null && prefix == null && vendor == null);
                String reason = orNull(r, 0.3, RandomDomain::text);
                boolean block = chance(r, 0.5);
                return block
                        ? new Block(customer, prefix, vendor, reason, nonNegativeLong(r), issuer(r), instant(r))
                        : new Unblock(customer, prefix, vendor, reason, nonNegativeLong(r), issuer(r), instant(r));
            }
            case 2 -> {
                return new VendorPriority(id(r), orNull(r, 0.5, RandomDomain::prefix),
                        between(r, Integer.MIN_VALUE, Integer.MAX_VALUE), between(r, 0, Integer.MAX_VALUE),
                        nonNegativeLong(r), issuer(r), instant(r));
            }
            case 3 -> {
                return new Limit(oneOf(r, Party.class), id(r),
                        orNull(r, 0.3, rr -> between(rr, 0, Integer.MAX_VALUE)),
                        orNull(r, 0.3, rr -> between(rr, 0, Integer.MAX_VALUE)),
                        nonNegativeLong(r), issuer(r), instant(r));
            }
            default -> {
                return new DeckActivation(oneOf(r, Party.class), id(r), text(r), nonNegativeLong(r), issuer(r),
                        instant(r));
            }
        }
    }

    // ---- the extremes, checked before the random values ----

    static List<CallEvent> extremeCallEvents() {
        return List.of(
                new CallEvent(CallEvent.Type.SETUP, "\u0000", null, Instant.EPOCH, null, null, null, null,
                        null, null, 0),
                new CallEvent(CallEvent.Type.END, NASTY, NASTY, LAST_INSTANT, NASTY, NASTY, NASTY, NASTY,
                        127, NASTY, Long.MAX_VALUE),
                new CallEvent(CallEvent.Type.HANGUP, "c", "l", Instant.EPOCH, "", " ", "+", "\ud83d\ude00",
                        0, "a", 1));
    }

    static List<Cdr> extremeCdrs() {
        return List.of(
                new Cdr("\u0000", null, null, null, Instant.EPOCH, null, Instant.EPOCH, BigDecimal.ZERO,
                        Disposition.FAILED, null, List.of()),
                new Cdr(NASTY, NASTY, NASTY, NASTY, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                        new BigDecimal(BigInteger.ZERO, 12), Disposition.ANSWERED, 0,
                        List.of(new CallAttempt(NASTY, null, null, null, false))),
                new Cdr(NASTY, NASTY, NASTY, NASTY, LAST_INSTANT.minusSeconds(60), LAST_INSTANT.minusSeconds(40),
                        LAST_INSTANT, new BigDecimal(MAX_UNSCALED, 12), Disposition.ANSWERED, 127,
                        List.of(new CallAttempt(NASTY, NASTY, 127, 120_000L, true),
                                new CallAttempt("v", "l", 0, 0L, false),
                                new CallAttempt("v", "l", 0, 0L, false),
                                new CallAttempt(NASTY, NASTY, 127, 120_000L, true))));
    }

    static List<RatedCdr> extremeRatedCdrs() {
        Cdr least = extremeCdrs().get(0);
        Cdr most = extremeCdrs().get(2);
        Currency jpy = Currency.getInstance("JPY");
        Currency eur = Currency.getInstance("EUR");
        RatedLeg zero = new RatedLeg("\u0000", 0, jpy, "0", BigDecimal.ZERO, 0, BigDecimal.ZERO);
        RatedLeg huge = new RatedLeg(NASTY, Integer.MAX_VALUE, eur, "999999999999999", new BigDecimal(MAX_UNSCALED, 0),
                86_400, new BigDecimal(MAX_UNSCALED.negate(), 12));
        RatedLeg tiny = new RatedLeg(NASTY, 1, eur, "1", new BigDecimal(BigInteger.ONE, 12), 1, new BigDecimal("-1E-12"));
        return List.of(
                RatedCdr.rated(least, null, zero, zero, BigDecimal.ONE),
                RatedCdr.rated(most, NASTY, huge, tiny, BigDecimal.ONE),
                RatedCdr.rated(most, NASTY, tiny, huge, BigDecimal.ONE),
                RatedCdr.rated(most, NASTY, tiny, zero, new BigDecimal("123456.123456789")),
                RatedCdr.unrated(least, null, null, null, null, "no_rate"),
                RatedCdr.unrated(most, NASTY, huge, tiny, Currency.getInstance("CHF"), "customer:no_rate"));
    }

    static List<FraudAlert> extremeFraudAlerts() {
        Evidence empty = new Evidence(Instant.EPOCH, Instant.EPOCH, Map.of(), Map.of(), List.of());
        Evidence full = new Evidence(LAST_INSTANT.minusMillis(86_400_000), LAST_INSTANT,
                Map.of(NASTY, Long.MAX_VALUE, "\u0000", Long.MIN_VALUE, "0", 0L),
                Map.of(NASTY, new BigDecimal(MAX_UNSCALED.negate(), 12), "\u0000", new BigDecimal(MAX_UNSCALED, 0),
                        "0", new BigDecimal("0E-12")),
                List.of(NASTY, "\u0000", NASTY, " ", "\ud83d\ude00"));
        return List.of(
                new FraudAlert("\u0000", Severity.WARNING, "\u0000", "\u0000", empty, Instant.EPOCH, Instant.EPOCH),
                new FraudAlert(NASTY, Severity.CRITICAL, NASTY, NASTY, full, LAST_INSTANT.minusMillis(86_400_000),
                        LAST_INSTANT));
    }

    static List<Instruction> extremeInstructions() {
        String longId = "@".repeat(16);
        String longPrefix = "0".repeat(15);
        return List.of(
                new Block(null, "0", null, null, 0, "\u0000", Instant.EPOCH),
                new Block(longId, longPrefix, longId, NASTY, Long.MAX_VALUE, NASTY, LAST_INSTANT),
                new Unblock("a", null, null, null, 0, "x", Instant.EPOCH),
                new Unblock(null, null, "-", NASTY, Long.MAX_VALUE, NASTY, LAST_INSTANT),
                new VendorPriority("v", null, Integer.MIN_VALUE, 0, 0, "x", Instant.EPOCH),
                new VendorPriority(longId, longPrefix, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, NASTY,
                        LAST_INSTANT),
                new Limit(Party.CUSTOMER, "a", null, null, 0, "x", Instant.EPOCH),
                new Limit(Party.VENDOR, longId, Integer.MAX_VALUE, 0, Long.MAX_VALUE, NASTY, LAST_INSTANT),
                new DeckActivation(Party.CUSTOMER, "a", "\u0000", 0, "x", Instant.EPOCH),
                new DeckActivation(Party.VENDOR, longId, NASTY, Long.MAX_VALUE, NASTY, LAST_INSTANT));
    }
}
