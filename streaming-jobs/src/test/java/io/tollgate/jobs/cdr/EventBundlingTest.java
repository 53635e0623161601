package io.tollgate.jobs.cdr;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventBundlingTest {
    private static final Duration DELAY = Duration.ofMillis(50);

    private OneInputStreamOperatorTestHarness<EventRecord, EventBundle> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = started(new EventBundling(DELAY, 5), null);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static OneInputStreamOperatorTestHarness<EventRecord, EventBundle> started(EventBundling bundling,
            OperatorSubtaskState from) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(bundling);
        h.setProcessingTime(1_000);
        if (from != null) {
            h.initializeState(from);
        }
        h.open();
        return h;
    }

    private void read(String... callIds) throws Exception {
        for (String id : callIds) {
            harness.processElement(new StreamRecord<>(new EventRecord(id,
                    ("event " + offset).getBytes(StandardCharsets.UTF_8), 0, offset++)));
        }
    }

    /** Each bundle as its call id and its records' offsets, in the order sent. */
    private List<String> sent() {
        return harness.extractOutputValues().stream()
                .map(b -> b.callId() + Arrays.toString(Arrays.stream(b.records()).mapToLong(EventRecord::offset)
                        .toArray()))
                .toList();
    }

    @Test
    void eachCallsEventsGoTogetherInReadingOrderOnceTheDelayIsUp() throws Exception {
        read("a", "b", "a");
        harness.setProcessingTime(1_000 + DELAY.toMillis() - 1);
        assertThat(sent()).isEmpty();

        harness.setProcessingTime(1_000 + DELAY.toMillis());

        assertThat(sent()).containsExactly("a[0, 2]", "b[1]");
    }

    @Test
    void theBundlesGoAsSoonAsTheMostRecordsAreHeld() throws Exception {
        read("a", "b", "a", "c");
        assertThat(sent()).isEmpty();

        read("a");

        assertThat(sent()).containsExactly("a[0, 2, 4]", "b[1]", "c[3]");
    }

    @Test
    void nothingIsHeldAcrossACheckpointSoARestoredInstanceOwesNothing() throws Exception {
        read("a", "b");

        harness.prepareSnapshotPreBarrier(1);
        assertThat(sent()).containsExactly("a[0]", "b[1]");
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1_001);
        harness.close();

        harness = started(new EventBundling(DELAY, 5), checkpoint);
        harness.setProcessingTime(10_000);
        assertThat(sent()).isEmpty();
    }

    @Test
    void aBundleCrossesTheShuffleWithFlinksOwnSerializersNotKryo() {
        var type = TypeInformation.of(EventBundle.class);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<?>) type).getTypeAt("records").toString()).doesNotContain("GenericType");
    }

    @Test
    void theEndOfTheInputSendsWhatIsHeld() throws Exception {
        read("a");

        harness.getOneInputOperator().finish();

        assertThat(sent()).containsExactly("a[0]");
    }

    @Test
    void aTimerAfterASendByCountSendsOnlyWhatCameSince() throws Exception {
        read("a", "a", "a", "a", "a", "b");
        assertThat(sent()).containsExactly("a[0, 1, 2, 3, 4]");

        harness.setProcessingTime(1_000 + DELAY.toMillis());

        assertThat(sent()).containsExactly("a[0, 1, 2, 3, 4]", "b[5]");
    }
}
