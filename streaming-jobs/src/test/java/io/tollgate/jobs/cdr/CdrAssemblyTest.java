package io.tollgate.jobs.cdr;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.ingest.deadletter.DeadLetter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

class CdrAssemblyTest {
    private static final Duration TIMEOUT = Duration.ofHours(4);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, EventRecord, Cdr> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CdrAssembly(TIMEOUT, GRACE, RETENTION),
                EventRecord::callId, Types.STRING);
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(List<CallEvent> events) throws Exception {
        for (CallEvent e : events) {
            harness.processElement(CallScripts.record(e, offset++), 0);
        }
    }

    @Test
    void aCompleteCallGivesOneCdrAtItsEnd() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        send(events.subList(0, events.size() - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        send(events.subList(events.size() - 1, events.size()));

        List<Cdr> cdrs = harness.extractOutputValues();
        assertThat(cdrs).hasSize(1);
        assertThat(cdrs.get(0).disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(cdrs.get(0).durationS()).isEqualByComparingTo("60");
        assertThat(cdrs.get(0).attempts()).hasSize(2);
        assertThat(cdrs.get(0).flags()).isEmpty();
    }

    @Test
    void shuffledAndRepeatedEventsGiveTheSameSingleCdr() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 60_000);
        List<CallEvent> messy = new ArrayList<>(events);
        messy.addAll(events.subList(2, 6));
        Collections.shuffle(messy, new Random(3));

        send(messy);
        harness.setProcessingTime(1_000 + GRACE.toMillis());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).flags()).isEmpty();
        assertThat(refused()).isEmpty();
    }

    @Test
    void anEndWithAGapWaitsForTheStragglerThenClosesFlagged() throws Exception {
        List<CallEvent> events = new ArrayList<>(CallScripts.failoverThenAnswer("c1", 60_000));
        CallEvent lost = events.remove(4);
        send(events);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1_000 + GRACE.toMillis());

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(cdr -> assertThat(cdr.flags()).containsExactly(CdrFlag.EVENTS_MISSING));
        send(List.of(lost));
        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).contains("RINGING seq 4 arrived after call c1 was closed");
            assertThat(letter.origin().offset()).isEqualTo(offset - 1);
        });
    }

    @Test
    void aCallWhoseEndNeverComesClosesAfterTheTimeoutFlagged() throws Exception {
        send(CallScripts.failoverThenAnswer("c1", 60_000).subList(0, 6));

        harness.setProcessingTime(1_000 + TIMEOUT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis());

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(cdr -> assertThat(cdr.flags()).contains(CdrFlag.TIMED_OUT));
    }

    @Test
    void aRepeatAfterCloseIsDroppedAndForgottenAfterTheRetention() throws Exception {
        List<CallEvent> events = CallScripts.failoverThenAnswer("c1", 1_000);
        send(events);
        send(events.subList(0, 3));
        assertThat(refused()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.setProcessingTime(1_000 + RETENTION.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void unreadableEventsGoToTheDeadLetterWithTheirOffset() throws Exception {
        harness.processElement(new EventRecord("c9", "{\"v\":1,\"type\":\"NOPE\"}".getBytes(StandardCharsets.UTF_8),
                "tollgate.call-events", 3, 77), 0);

        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.origin().partition()).isEqualTo(3);
            assertThat(letter.origin().offset()).isEqualTo(77);
            assertThat(letter.raw()).contains("NOPE");
            assertThat(letter.reason()).startsWith("not a call event");
        });
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    private List<DeadLetter> refused() {
        ConcurrentLinkedQueue<org.apache.flink.streaming.runtime.streamrecord.StreamRecord<DeadLetter>> side =
                harness.getSideOutput(CdrAssembly.REFUSED);
        return side == null ? List.of() : side.stream().map(r -> r.getValue()).toList();
    }
}
