package io.tollgate.core.json;

import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.testing.Cases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever valid value goes in comes back equal, with its schema version first and in stable bytes. */
class CodecRoundTripPropertiesTest {
    private static final int TRIES = 1000;

    @TestFactory
    Stream<DynamicTest> callEventsSurvive() {
        return Cases.draw(TRIES, RandomDomain::callEvent)
                .withEdgeCases(RandomDomain.extremeCallEvents())
                .check(event -> assertRoundTrip(JsonCodec.CALL_EVENT, event));
    }

    @TestFactory
    Stream<DynamicTest> cdrsSurvive() {
        return Cases.draw(TRIES, RandomDomain::cdr)
                .withEdgeCases(RandomDomain.extremeCdrs())
                .check(cdr -> assertRoundTrip(JsonCodec.CDR, cdr));
    }

    @TestFactory
    Stream<DynamicTest> ratedCdrsSurvive() {
        return Cases.draw(TRIES, RandomDomain::ratedCdr)
                .withEdgeCases(RandomDomain.extremeRatedCdrs())
                .check(rated -> assertRoundTrip(JsonCodec.RATED_CDR, rated));
    }

    @TestFactory
    Stream<DynamicTest> fraudAlertsSurvive() {
        return Cases.draw(TRIES, RandomDomain::fraudAlert)
                .withEdgeCases(RandomDomain.extremeFraudAlerts())
                .check(alert -> assertRoundTrip(JsonCodec.FRAUD_ALERT, alert));
    }

    @TestFactory
    Stream<DynamicTest> instructionsSurviveWithTheirKindAndSubject() {
        return Cases.draw(TRIES, RandomDomain::instruction)
                .withEdgeCases(RandomDomain.extremeInstructions())
                .check(instruction -> {
                    Instruction back = assertRoundTrip(JsonCodec.INSTRUCTION, instruction);
                    assertThat(back.getClass()).isSameAs(instruction.getClass());
                    assertThat(back.subject()).isEqualTo(instruction.subject());
                });
    }

    private static <T> T assertRoundTrip(JsonCodec<T> codec, T value) {
        byte[] json = codec.encode(value);
        T back = codec.decode(json);
        assertThat(back).isEqualTo(value);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
        assertThat(codec.encode(back)).isEqualTo(json);
        return back;
    }
}
