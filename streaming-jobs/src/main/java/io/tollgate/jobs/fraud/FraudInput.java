package io.tollgate.jobs.fraud;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.json.JsonCodec;

/**
 * What the fraud features learn from, keyed by customer: a call event as it happens, or a call once rated. It
 * crosses the shuffle as the topic's JSON, which Flink copies as bytes; the records themselves hold immutable
 * collections that Flink's generic serializer cannot rebuild.
 */
public final class FraudInput {
    public String customer;
    public boolean rated;
    public byte[] json;

    public FraudInput() {
    }

    static FraudInput of(CallEvent event, byte[] json) {
        return of(event.customer(), false, json);
    }

    static FraudInput of(RatedCdr rated, byte[] json) {
        return of(rated.cdr().customer(), true, json);
    }

    private static FraudInput of(String customer, boolean rated, byte[] json) {
        FraudInput input = new FraudInput();
        input.customer = customer;
        input.rated = rated;
        input.json = json;
        return input;
    }

    CallEvent event() {
        return JsonCodec.CALL_EVENT.decode(json);
    }

    RatedCdr ratedCdr() {
        return JsonCodec.RATED_CDR.decode(json);
    }
}
