package io.tollgate.jobs.fraud;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FraudDetectorTest {
    /** The shipped rules, 2899 listed as high-risk, acme's IRSF threshold lowered to 3 calls. */
    private static final FraudRuleSet RULES = new FraudRuleSet(1, "test", Instant.EPOCH, null, null, null,
            Map.of("acme", Map.of("irsf.calls", new BigDecimal("3"))), null, null, Map.of("2899", "test range"),
            null);

    private KeyedBroadcastOperatorTestHarness<String, FraudInput, byte[], RaisedAlert> harness;
    private long offset;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(detector(), input -> input.customer,
                Types.STRING, RuleBooks.STATE);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static FraudDetector detector() {
        return new FraudDetector(RULES, Map.of("acme", ZoneOffset.UTC), FeatureSettings.DEFAULT,
                OpenAlerts.Pacing.DEFAULT);
    }

    private void send(List<CallEvent> events) throws Exception {
        for (CallEvent e : events) {
            harness.processElement(FraudInput.of(e, JsonCodec.CALL_EVENT.encode(e)), offset++);
        }
    }

    private void tick(long ms) throws Exception {
        harness.setProcessingTime(ms);
    }

    private List<Block> blocks() {
        return harness.getSideOutput(FraudDetector.BLOCKS) == null ? List.of()
                : harness.getSideOutput(FraudDetector.BLOCKS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void callsToAHighRiskRangeRaiseAnAlertAndABlockOfThatRangeAtTheNextTick() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(List.of(FraudCalls.setup("acme", "c" + i, "28991234" + i, i * 100)));
        }
        assertThat(harness.extractOutputValues()).as("nothing before the tick").isEmpty();

        tick(FraudDetector.EVALUATE_EVERY_MS);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.alert().ruleId()).isEqualTo("irsf");
            assertThat(r.alert().customer()).isEqualTo("acme");
            assertThat(r.alert().subject()).isEqualTo("2899");
            assertThat(r.alert().evidence().counts()).containsEntry("calls", 3L);
            assertThat(r.alert().firstEventTime()).isEqualTo(FraudCalls.T0);
            assertThat(r.action()).isEqualTo("block");
        });
        assertThat(blocks()).singleElement().satisfies(b -> {
            assertThat(b.customer()).isEqualTo("acme");
            assertThat(b.prefix()).isEqualTo("2899");
        });
    }

    @Test
    void belowTheCustomersThresholdNothingIsRaised() throws Exception {
        send(List.of(FraudCalls.setup("acme", "c0", "289912340", 0), FraudCalls.setup("acme", "c1", "289912341", 100)));
        tick(FraudDetector.EVALUATE_EVERY_MS);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(blocks()).isEmpty();
    }

    @Test
    void aPublishedRuleSetReplacesTheOneInForceAndAnOlderOneIsIgnored() throws Exception {
        FraudRuleSet stricter = new FraudRuleSet(2, "ana", Instant.EPOCH, null, null, null,
                Map.of("acme", Map.of("irsf.calls", new BigDecimal("2"))), null, null, Map.of("2899", "test"), null);
        FraudRuleSet older = new FraudRuleSet(1, "old", Instant.EPOCH, null, null, null, null, null, null,
                Map.of(), null);
        harness.processBroadcastElement(JsonCodec.FRAUD_RULE_SET.encode(stricter), 0);
        harness.processBroadcastElement(JsonCodec.FRAUD_RULE_SET.encode(older), 0);

        send(List.of(FraudCalls.setup("acme", "c0", "289912340", 0), FraudCalls.setup("acme", "c1", "289912341", 100)));
        tick(FraudDetector.EVALUATE_EVERY_MS);

        assertThat(harness.extractOutputValues()).extracting(r -> r.alert().ruleId()).containsExactly("irsf");
    }

    @Test
    void openAlertsSurviveARestartSoAReplayDoesNotRaiseThemAgain() throws Exception {
        List<CallEvent> calls = List.of(FraudCalls.setup("acme", "c0", "289912340", 0),
                FraudCalls.setup("acme", "c1", "289912341", 100), FraudCalls.setup("acme", "c2", "289912342", 200));
        send(calls);
        tick(FraudDetector.EVALUATE_EVERY_MS);
        assertThat(harness.extractOutputValues()).hasSize(1);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(detector(),
                List.of(RuleBooks.STATE)), input -> input.customer, Types.STRING, 1, 1, 0);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(2 * FraudDetector.EVALUATE_EVERY_MS);
        send(calls);
        harness.setProcessingTime(3 * FraudDetector.EVALUATE_EVERY_MS);

        assertThat(harness.extractOutputValues()).as("an update within 10 s of the last is held back").isEmpty();
        assertThat(blocks()).isEmpty();
    }
}
