package io.tollgate.core.json;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

/** Arbitrary but valid domain values, including the awkward ones: odd text, big and tiny decimals, nulls. */
final class DomainArbitraries {

    private static final long YEAR_2100_S = 4_102_444_800L;

    private DomainArbitraries() {
    }

    /** Any text a producer might send, control characters and quotes included; no lone surrogates. */
    static Arbitrary<String> text() {
        return Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD')
                .ofMinLength(1).ofMaxLength(24);
    }

    /** Account ids as they go into instruction subjects. */
    static Arbitrary<String> id() {
        return Arbitraries.strings().alpha().numeric().withChars("-_.@").ofMinLength(1).ofMaxLength(16);
    }

    static Arbitrary<String> prefix() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(15);
    }

    static Arbitrary<Integer> cause() {
        return Arbitraries.integers().between(0, 127);
    }

    static Arbitrary<Instant> instant() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, YEAR_2100_S),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    /** Decimals of any sign with up to 12 fraction digits, trailing zeros included (their scale must survive). */
    static Arbitrary<BigDecimal> decimal() {
        return Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(22).negate(), BigInteger.TEN.pow(22)),
                        Arbitraries.integers().between(0, 12))
                .as(BigDecimal::new);
    }

    static Arbitrary<BigDecimal> nonNegativeDecimal() {
        return decimal().map(BigDecimal::abs);
    }

    static Arbitrary<CallEvent> callEvent() {
        Arbitrary<Tuple.Tuple8<CallEvent.Type, String, String, Instant, String, String, String, String>> head =
                Combinators.combine(
                                Arbitraries.of(CallEvent.Type.class),
                                text(),
                                text().injectNull(0.2),
                                instant(),
                                text().injectNull(0.2),
                                text().injectNull(0.2),
                                text().injectNull(0.2),
                                text().injectNull(0.2))
                        .as(Tuple::of);
        return Combinators.combine(
                        head,
                        cause().injectNull(0.3),
                        text().injectNull(0.2),
                        Arbitraries.longs().greaterOrEqual(0))
                .as((h, cause, agentId, seq) -> new CallEvent(
                        h.get1(), h.get2(), h.get3(), h.get4(), h.get5(), h.get6(), h.get7(), h.get8(),
                        cause, agentId, seq));
    }

    static Arbitrary<CallAttempt> callAttempt() {
        return Combinators.combine(
                        text(),
                        text().injectNull(0.2),
                        cause().injectNull(0.2),
                        Arbitraries.longs().between(0, 120_000).injectNull(0.2),
                        Arbitraries.of(true, false))
                .as(CallAttempt::new);
    }

    static Arbitrary<Cdr> cdr() {
        Arbitrary<Tuple.Tuple5<String, String, String, String, Instant>> who = Combinators.combine(
                        text(), text().injectNull(0.1), text().injectNull(0.2), text().injectNull(0.1), instant())
                .as(Tuple::of);
        Arbitrary<Disposition> unanswered = Arbitraries.of(Disposition.class)
                .filter(d -> d != Disposition.ANSWERED);
        return Combinators.combine(
                        who,
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(0, 60_000_000_000L),
                        nonNegativeDecimal(),
                        unanswered,
                        cause().injectNull(0.1),
                        callAttempt().list().ofMaxSize(4))
                .as((w, answered, nanos, duration, otherwise, cause, attempts) -> {
                    Instant setup = w.get5();
                    Instant answer = answered ? setup.plus(Duration.ofNanos(nanos / 3)) : null;
                    Instant end = setup.plus(Duration.ofNanos(nanos));
                    return new Cdr(w.get1(), w.get2(), w.get3(), w.get4(), setup, answer, end,
                            answered ? duration : BigDecimal.ZERO,
                            answered ? Disposition.ANSWERED : otherwise, cause, attempts);
                });
    }

    static Arbitrary<RatedLeg> ratedLeg() {
        return Combinators.combine(
                        text(), prefix(), nonNegativeDecimal(), Arbitraries.longs().between(0, 86_400), decimal())
                .as(RatedLeg::new);
    }

    static Arbitrary<Currency> currency() {
        return Arbitraries.of("EUR", "USD", "GBP", "CHF", "JPY").map(Currency::getInstance);
    }

    static Arbitrary<RatedCdr> ratedCdr() {
        Arbitrary<RatedCdr> rated = Combinators.combine(
                        cdr(), text().injectNull(0.1), ratedLeg(), ratedLeg(), currency())
                .as(RatedCdr::rated);
        Arbitrary<RatedCdr> unrated = Combinators.combine(
                        cdr(), text().injectNull(0.3), ratedLeg().injectNull(0.5), ratedLeg().injectNull(0.5),
                        currency().injectNull(0.3), Arbitraries.of("no_rate", "bad_number", "customer:no_rate"))
                .as(RatedCdr::unrated);
        return Arbitraries.oneOf(rated, unrated);
    }

    static Arbitrary<Evidence> evidence() {
        return Combinators.combine(
                        instant(),
                        Arbitraries.longs().between(0, 86_400_000),
                        Arbitraries.maps(text(), Arbitraries.longs()).ofMaxSize(5),
                        Arbitraries.maps(text(), decimal()).ofMaxSize(5),
                        text().list().ofMaxSize(5))
                .as((start, millis, counts, amounts, samples) ->
                        new Evidence(start, start.plusMillis(millis), counts, amounts, samples));
    }

    static Arbitrary<FraudAlert> fraudAlert() {
        return Combinators.combine(
                        text(), Arbitraries.of(Severity.class), text(), text(), evidence(), instant(),
                        Arbitraries.longs().between(0, 86_400_000))
                .as((rule, severity, customer, subject, evidence, first, millis) ->
                        new FraudAlert(rule, severity, customer, subject, evidence, first, first.plusMillis(millis)));
    }

    static Arbitrary<Instruction> instruction() {
        Arbitrary<Long> version = Arbitraries.longs().greaterOrEqual(0);
        Arbitrary<String> issuer = text().filter(s -> !s.isBlank());
        Arbitrary<Tuple.Tuple3<String, String, String>> target = Combinators.combine(
                        id().injectNull(0.5), prefix().injectNull(0.5), id().injectNull(0.5))
                .as(Tuple::of)
                .filter(t -> t.get1() != null || t.get2() != null || t.get3() != null);
        Arbitrary<Instruction> block = Combinators.combine(target, text().injectNull(0.3), version, issuer, instant())
                .as((t, reason, v, who, at) -> new Block(t.get1(), t.get2(), t.get3(), reason, v, who, at));
        Arbitrary<Instruction> unblock = Combinators.combine(target, text().injectNull(0.3), version, issuer, instant())
                .as((t, reason, v, who, at) -> new Unblock(t.get1(), t.get2(), t.get3(), reason, v, who, at));
        Arbitrary<Instruction> priority = Combinators.combine(
                        id(), prefix().injectNull(0.5), Arbitraries.integers(),
                        Arbitraries.integers().greaterOrEqual(0), version, issuer, instant())
                .as(VendorPriority::new);
        Arbitrary<Instruction> limit = Combinators.combine(
                        Arbitraries.of(Party.class), id(),
                        Arbitraries.integers().greaterOrEqual(0).injectNull(0.3),
                        Arbitraries.integers().greaterOrEqual(0).injectNull(0.3),
                        version, issuer, instant())
                .as(Limit::new);
        Arbitrary<Instruction> deck = Combinators.combine(
                        Arbitraries.of(Party.class), id(), text(), version, issuer, instant())
                .as(DeckActivation::new);
        return Arbitraries.oneOf(block, unblock, priority, limit, deck);
    }
}
