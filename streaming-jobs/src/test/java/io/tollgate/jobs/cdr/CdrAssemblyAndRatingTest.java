package io.tollgate.jobs.cdr;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Party;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.jobs.rating.CdrPricing;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CdrAssemblyAndRatingTest {
    private static final String TOPIC = "tollgate.call-events";
    private static final Duration TIMEOUT = Duration.ofHours(4);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private KeyedBroadcastOperatorTestHarness<String, EventBundle, DeckActivation, RatedCdr> harness;
    private long offset;
    private OperatorSubtaskState checkpoint;

    private CdrAssemblyAndRating function() throws Exception {
        return new CdrAssemblyAndRating(TOPIC, TIMEOUT, GRACE, RETENTION, new CdrPricing(TestDecks.catalog(dir)));
    }

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function(), EventBundle::callId,
                Types.STRING, CdrPricing.ACTIVATIONS);
        clock(1_000);
    }

    /** Timers and the closed-call markers' time-to-live run on the same test clock. */
    private void clock(long ms) throws Exception {
        harness.setProcessingTime(ms);
        harness.setStateTtlProcessingTime(ms);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(List<CallEvent> events) throws Exception {
        for (CallEvent e : events) {
            harness.processElement(CallScripts.bundle(CallScripts.record(e, offset++)), 0);
        }
    }

    private List<Cdr> cdrs() {
        return harness.extractOutputValues().stream().map(RatedCdr::cdr).toList();
    }

    @Test
    void aCompleteCallGivesOneRatedCdrAtItsEnd() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        send(events.subList(0, events.size() - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        send(events.subList(events.size() - 1, events.size()));

        RatedCdr rated = harness.extractOutputValues().get(0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(rated.cdr().disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(rated.cdr().durationS()).isEqualByComparingTo("60");
        assertThat(rated.cdr().attempts()).hasSize(2);
        assertThat(rated.customerLeg().amount()).isEqualByComparingTo("0.05");
        assertThat(rated.vendorLeg().amount()).isEqualByComparingTo("0.01");
        // the call's timeout timer goes with it: at thousands of calls a second, hours of timers would pile up
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aWholeCallInOneBundleGivesTheSameCdrAsItsEventsOneByOne() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        send(events);
        Cdr oneByOne = cdrs().get(0);
        harness.close();
        open();

        sendTogether(events);

        assertThat(cdrs()).containsExactly(oneByOne);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(refused()).isEmpty();
    }

    @Test
    void aBundleWithRepeatsAndAnUnreadableRecordRefusesOnlyThatRecord() throws Exception {
        List<CallEvent> events = new ArrayList<>(CallScripts.failoverThenAnswer("c1", 60_000));
        events.addAll(events.subList(1, 4));
        Collections.shuffle(events, new Random(5));
        List<EventRecord> records = new ArrayList<>();
        events.forEach(e -> records.add(CallScripts.record(e, offset++)));
        records.add(2, new EventRecord("c1", "{oops".getBytes(StandardCharsets.UTF_8), 0, 999));

        harness.processElement(CallScripts.bundle(records.toArray(EventRecord[]::new)), 0);

        assertThat(cdrs()).singleElement().satisfies(cdr -> assertThat(cdr.flags()).isEmpty());
        assertThat(refused()).singleElement().satisfies(letter -> assertThat(letter.origin().offset()).isEqualTo(999));
    }

    @Test
    void aBundleCompletingACallBegunInAnEarlierOneClosesIt() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        sendTogether(events.subList(0, 4));
        assertThat(harness.extractOutputValues()).isEmpty();

        sendTogether(events.subList(3, events.size()));

        assertOneCompleteCdrAndNothingRefused();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aBundleAfterTheCloseDropsRepeatsAndRefusesTheRestByTheirOwnOffsets() throws Exception {
        CallEvent lost = sendAllBut(4);
        partitionStillDelivers(1_000 + GRACE.toMillis());
        assertThat(cdrs()).singleElement();
        CallEvent repeat = CallScripts.failoverThenAnswer("c1", 60_000).get(0);

        harness.processElement(CallScripts.bundle(
                new EventRecord("c1", "{oops".getBytes(StandardCharsets.UTF_8), 0, 500),
                CallScripts.record(repeat, 501), CallScripts.record(lost, 502)), 0);

        assertThat(refused()).extracting(letter -> letter.origin().offset()).containsExactly(500L, 502L);
    }

    /** Sends the events as one bundle, as the bundling does for events read close together. */
    private void sendTogether(List<CallEvent> events) throws Exception {
        List<EventRecord> records = new ArrayList<>();
        events.forEach(e -> records.add(CallScripts.record(e, offset++)));
        harness.processElement(CallScripts.bundle(records.toArray(EventRecord[]::new)), 0);
    }

    @Test
    void shuffledAndRepeatedEventsGiveTheSameSingleCdr() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        List<CallEvent> messy = new ArrayList<>(events);
        messy.addAll(events.subList(2, 6));
        Collections.shuffle(messy, new Random(3));

        send(messy);
        clock(1_000 + GRACE.toMillis());

        assertOneCompleteCdrAndNothingRefused();
    }

    @Test
    void anEndWithAGapWaitsForTheStragglerThenClosesFlagged() throws Exception {
        CallEvent lost = sendAllBut(4);
        assertThat(harness.extractOutputValues()).isEmpty();

        partitionStillDelivers(1_000 + GRACE.toMillis());

        assertThat(cdrs()).singleElement()
                .satisfies(cdr -> assertThat(cdr.flags()).containsExactly(CdrFlag.EVENTS_MISSING));
        send(List.of(lost));
        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).contains("RINGING seq 4 arrived after call c1 was closed");
            assertThat(letter.origin().topic()).isEqualTo(TOPIC);
            assertThat(letter.origin().offset()).isEqualTo(offset - 1);
        });
    }

    /** Sends call c1's events but the one at {@code index} in its script, and returns that one. */
    private CallEvent sendAllBut(int index) throws Exception {
        List<CallEvent> events = new ArrayList<>(CallScripts.failoverThenAnswer("c1", 60_000));
        CallEvent left = events.remove(index);
        send(events);
        return left;
    }

    private void assertOneCompleteCdrAndNothingRefused() {
        assertThat(cdrs()).singleElement().satisfies(cdr -> assertThat(cdr.flags()).isEmpty());
        assertThat(refused()).isEmpty();
    }

    /** Another call's event from the same partition just before {@code at}, then the clock at {@code at}. */
    private void partitionStillDelivers(long at) throws Exception {
        clock(at - 500);
        send(CallScripts.failoverThenAnswer("another", 60_000).subList(0, 1));
        clock(at);
    }

    @Test
    void anEndWithAGapWaitsWhileItsPartitionIsHeldAsByACheckpointsAlignment() throws Exception {
        CallEvent behindTheBarrier = sendAllBut(4);

        clock(1_000 + GRACE.toMillis() + 2_500); // the partition silent since the END: held
        assertThat(harness.extractOutputValues()).isEmpty();
        send(List.of(behindTheBarrier));

        assertOneCompleteCdrAndNothingRefused();
    }

    @Test
    void anEndWithAGapOnAnIdlePartitionClosesFlaggedOnceThePartitionCountsAsIdle() throws Exception {
        sendAllBut(4);

        long idleAt = 1_000 + CdrAssemblyAndRating.RESTORE_GRACE_MS;
        for (long t = 1_000 + GRACE.toMillis(); t < idleAt; t += GRACE.toMillis()) {
            clock(t); // each grace ends with the partition silent: held, so the call waits another
            assertThat(harness.extractOutputValues()).as("at %d ms", t).isEmpty();
        }
        clock(idleAt);

        assertThat(cdrs()).singleElement()
                .satisfies(cdr -> assertThat(cdr.flags()).containsExactly(CdrFlag.EVENTS_MISSING));
    }

    @Test
    void aGraceTimerOverdueAfterAnOutageWaitsForTheReplayInsteadOfClosing() throws Exception {
        CallEvent answer = checkpointedWithoutTheAnswer();

        // restored a minute later: the grace timer is long overdue, and the replay has not brought the ANSWER yet
        harness = restored(checkpoint, 61_000);
        // the sources of a restored job may take longer than the grace to deliver again
        clock(61_000 + GRACE.toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();
        send(List.of(answer));

        assertThat(cdrs()).singleElement().satisfies(cdr -> {
            assertThat(cdr.flags()).isEmpty();
            assertThat(cdr.disposition()).isEqualTo(Disposition.ANSWERED);
        });
        assertThat(refused()).isEmpty();
    }

    @Test
    void aGraceTimerFallingDueSoonAfterARestoreWaitsForTheReplay() throws Exception {
        CallEvent answer = checkpointedWithoutTheAnswer();

        // restored at once: the grace timer falls due after the restore, before the sources deliver again
        harness = restored(checkpoint, 2_000);
        clock(1_000 + GRACE.toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();
        send(List.of(answer));

        assertOneCompleteCdrAndNothingRefused();
    }

    @Test
    void aCallStillMissingAnEventAfterTheReplayClosesFlagged() throws Exception {
        checkpointedWithoutTheAnswer();

        harness = restored(checkpoint, 2_000);
        long due = 1_000 + GRACE.toMillis();
        clock(due); // the restored instance's first timer: the replay window starts
        assertThat(harness.extractOutputValues()).isEmpty();
        partitionStillDelivers(due + CdrAssemblyAndRating.RESTORE_GRACE_MS);

        assertThat(cdrs()).singleElement()
                .satisfies(cdr -> assertThat(cdr.flags()).containsExactly(CdrFlag.EVENTS_MISSING));
    }

    /**
     * A call's events but its ANSWER, then a checkpoint (the barrier came between the END and the ANSWER), then
     * the instance gone; returns the ANSWER, which the replay after a restore brings.
     */
    private CallEvent checkpointedWithoutTheAnswer() throws Exception {
        CallEvent answer = sendAllBut(5);
        checkpoint = harness.snapshot(1, 1);
        harness.close();
        return answer;
    }

    private KeyedBroadcastOperatorTestHarness<String, EventBundle, DeckActivation, RatedCdr> restored(
            OperatorSubtaskState snapshot, long at) throws Exception {
        // serialized and back, as a job's functions reach their task managers
        var operator = new CoBroadcastWithKeyedOperator<>(InstantiationUtil.clone(function()),
                List.of(CdrPricing.ACTIVATIONS));
        var restored = new KeyedBroadcastOperatorTestHarness<>(operator, EventBundle::callId, Types.STRING, 1, 1, 0);
        restored.setup();
        restored.initializeState(snapshot);
        restored.open();
        // the clock moves on as the restored operator starts: overdue timers fire now
        restored.setProcessingTime(at);
        restored.setStateTtlProcessingTime(at);
        return restored;
    }

    @Test
    void aCallWhoseEndNeverComesClosesAfterTheTimeoutFlagged() throws Exception {
        send(CallScripts.failoverThenAnswer("c1", 60_000).subList(0, 6));

        clock(1_000 + TIMEOUT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        clock(1_000 + TIMEOUT.toMillis());

        assertThat(cdrs()).singleElement().satisfies(cdr -> assertThat(cdr.flags()).contains(CdrFlag.TIMED_OUT));
    }

    @Test
    void stragglersOfACallClosedLongAgoGoToTheDeadLetterNotIntoASecondCdr() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 1_000);
        send(events);
        clock(1_000 + RETENTION.toMillis());

        send(events.subList(4, 6));
        clock(1_000 + RETENTION.toMillis() + TIMEOUT.toMillis());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(refused()).hasSize(2).allSatisfy(letter ->
                assertThat(letter.reason()).contains("came without the call's SETUP or END"));
    }

    @Test
    void aRepeatSoonAfterCloseIsDroppedAsADuplicate() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 1_000);
        send(events);
        send(events.subList(0, 3));

        assertThat(refused()).isEmpty();
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void unreadableEventsGoToTheDeadLetterWithTheirOffset() throws Exception {
        harness.processElement(CallScripts.bundle(new EventRecord("c9",
                "{\"v\":1,\"type\":\"NOPE\"}".getBytes(StandardCharsets.UTF_8), 3, 77)), 0);

        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.origin().partition()).isEqualTo(3);
            assertThat(letter.origin().offset()).isEqualTo(77);
            assertThat(letter.raw()).contains("NOPE");
            assertThat(letter.reason()).startsWith("not a call event");
        });
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aDeckActivatedMidStreamPricesOnlyCallsSetUpFromItsTime() throws Exception {
        Instant activeFrom = CallScripts.T0.plusSeconds(30);
        send(CallScripts.failoverThenAnswer("before", 60_000));
        harness.processBroadcastElement(new DeckActivation(Party.VENDOR, "vendor-b", "vendor-b-2", 2, "trader",
                CallScripts.T0.minusSeconds(60), activeFrom), 0);
        send(CallScripts.failoverThenAnswer("same-time", 60_000));
        send(shifted(CallScripts.failoverThenAnswer("after", 60_000), Duration.ofSeconds(30)));

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.vendorLeg().deckId() + "@" + r.vendorLeg().deckVersion() + " "
                        + r.vendorLeg().amount().stripTrailingZeros().toPlainString())
                .containsExactly("vendor-b@0 0.01", "vendor-b@0 0.01", "vendor-vendor-b@2 0.03");
    }

    @Test
    void aRestoredInstanceReloadsTheActivatedDecks() throws Exception {
        harness.processBroadcastElement(new DeckActivation(Party.VENDOR, "vendor-b", "vendor-b-2", 2, "trader",
                CallScripts.T0.minusSeconds(60), CallScripts.T0.minusSeconds(60)), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        try (var restored = restored(snapshot, 1_000)) {
            for (CallEvent e : CallScripts.failoverThenAnswer("after-restart", 60_000)) {
                restored.processElement(CallScripts.bundle(CallScripts.record(e, 0)), 0);
            }

            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.vendorLeg().deckVersion()).isEqualTo(2));
        }
    }

    @Test
    void anUnknownCustomerIsKeptFlaggedNotDropped() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("s1", 1_000).stream()
                .map(e -> new CallEvent(e.type(), e.callId(), e.legId(), e.ts(), "stranger", e.aNumber(), e.bNumber(),
                        e.vendor(), e.cause(), e.agentId(), e.seq())).toList();

        send(events);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.unratedReason()).isEqualTo("unknown_customer"));
    }

    private static List<CallEvent> shifted(List<CallEvent> events, Duration by) {
        return events.stream().map(e -> new CallEvent(e.type(), e.callId(), e.legId(), e.ts().plus(by), e.customer(),
                e.aNumber(), e.bNumber(), e.vendor(), e.cause(), e.agentId(), e.seq())).toList();
    }

    private List<DeadLetter> refused() {
        var side = harness.getSideOutput(CdrAssemblyAndRating.REFUSED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}
