package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.instructions.Instruction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever valid value goes in comes back equal, with its schema version first and in stable bytes. */
class CodecRoundTripPropertiesTest {

    @Property
    void callEventsSurvive(@ForAll("callEvents") CallEvent event) {
        assertRoundTrip(JsonCodec.CALL_EVENT, event);
    }

    @Property
    void cdrsSurvive(@ForAll("cdrs") Cdr cdr) {
        assertRoundTrip(JsonCodec.CDR, cdr);
    }

    @Property
    void ratedCdrsSurvive(@ForAll("ratedCdrs") RatedCdr rated) {
        assertRoundTrip(JsonCodec.RATED_CDR, rated);
    }

    @Property
    void fraudAlertsSurvive(@ForAll("fraudAlerts") FraudAlert alert) {
        assertRoundTrip(JsonCodec.FRAUD_ALERT, alert);
    }

    @Property
    void instructionsSurviveWithTheirKindAndSubject(@ForAll("instructions") Instruction instruction) {
        Instruction back = assertRoundTrip(JsonCodec.INSTRUCTION, instruction);
        assertThat(back.getClass()).isSameAs(instruction.getClass());
        assertThat(back.subject()).isEqualTo(instruction.subject());
    }

    private static <T> T assertRoundTrip(JsonCodec<T> codec, T value) {
        byte[] json = codec.encode(value);
        T back = codec.decode(json);
        assertThat(back).isEqualTo(value);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
        assertThat(codec.encode(back)).isEqualTo(json);
        return back;
    }

    @Provide
    Arbitrary<CallEvent> callEvents() {
        return DomainArbitraries.callEvent();
    }

    @Provide
    Arbitrary<Cdr> cdrs() {
        return DomainArbitraries.cdr();
    }

    @Provide
    Arbitrary<RatedCdr> ratedCdrs() {
        return DomainArbitraries.ratedCdr();
    }

    @Provide
    Arbitrary<FraudAlert> fraudAlerts() {
        return DomainArbitraries.fraudAlert();
    }

    @Provide
    Arbitrary<Instruction> instructions() {
        return DomainArbitraries.instruction();
    }
}
