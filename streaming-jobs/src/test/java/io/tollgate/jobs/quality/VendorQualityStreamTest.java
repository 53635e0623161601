package io.tollgate.jobs.quality;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.quality.AttemptOutcome;
import io.tollgate.core.quality.QualityTally;
import io.tollgate.core.quality.VendorDestination;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.tollgate.jobs.quality.Calls.answered;
import static io.tollgate.jobs.quality.Calls.answeredOn;
import static io.tollgate.jobs.quality.Calls.failedOn;
import static io.tollgate.jobs.quality.Calls.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The windows of {@link VendorQualityStream#apply} as the job builds them, driven through Flink's keyed operator
 * harness: a CDR goes in as the job's first step turns it into attempts, stamped as {@link VendorQualityStream#cdrEnd}
 * stamps it; watermarks close the windows.
 */
class VendorQualityStreamTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);
    private static final String GERMANY = "4915112345678";

    private final TimestampAssigner<Cdr> stamp =
            VendorQualityStream.cdrEnd(Duration.ZERO).createTimestampAssigner(null);
    private KeyedOneInputStreamOperatorTestHarness<?, AttemptOutcome, VendorQuality> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aCallCountsInEveryWindowItsEndFallsIn() throws Exception {
        open(FIFTEEN_MINUTES, FIVE_MINUTES);
        for (int minute : new int[] {1, 7, 12}) {
            send(unanswered(GERMANY, T.plus(Duration.ofMinutes(minute)), Disposition.CONGESTION,
                    failedOn("carrier-a", 34, null)));
        }

        watermark(T.plus(FIVE_MINUTES).minusMillis(1));

        assertThat(emitted()).extracting(VendorQuality::windowStart, VendorQuality::attempts)
                .containsExactly(tuple(minutes(-10), 1L));

        watermark(T.plus(Duration.ofHours(1)));

        assertThat(emitted()).extracting(VendorQuality::windowStart, VendorQuality::windowEnd, VendorQuality::attempts)
                .containsExactly(
                        tuple(minutes(-10), minutes(5), 1L),
                        tuple(minutes(-5), minutes(10), 2L),
                        tuple(minutes(0), minutes(15), 3L),
                        tuple(minutes(5), minutes(20), 2L),
                        tuple(minutes(10), minutes(25), 1L));
    }

    @Test
    void ratiosComeFromTheWindowsCounts() throws Exception {
        open(FIFTEEN_MINUTES, FIFTEEN_MINUTES);
        send(answered(GERMANY, minutes(1), "60.5", answeredOn("carrier-a", 1000L)));
        send(unanswered(GERMANY, minutes(2), Disposition.BUSY, failedOn("carrier-a", 17, 2000L)));
        send(unanswered(GERMANY, minutes(3), Disposition.CONGESTION, failedOn("carrier-a", 34, null)));
        send(unanswered(GERMANY, minutes(4), Disposition.CANCELLED, failedOn("carrier-a", 16, 3000L)));

        watermark(minutes(15));

        // 4 attempts: 1 answered, 3 effective (answer, busy, caller gave up while ringing); 3 PDDs sum to 6000 ms
        VendorQuality quality = emitted().get(0);
        assertThat(quality).isEqualTo(new VendorQuality("carrier-a", "49", T, minutes(15), 4, 1, 3,
                new BigDecimal("60.5"), 3, 6000));
        assertThat(quality.asr()).isEqualTo("0.2500");
        assertThat(quality.ner()).isEqualTo("0.7500");
        assertThat(quality.acdS()).isEqualTo("60.5000");
        assertThat(quality.pddMs()).isEqualTo("2000.0000");
    }

    @Test
    void everyAttemptCountsForItsOwnVendorAndTheCallsCountry() throws Exception {
        open(FIFTEEN_MINUTES, FIFTEEN_MINUTES);
        send(answered(GERMANY, minutes(1), "90", failedOn("carrier-a", 34, null), failedOn("carrier-b", 38, 4000L),
                answeredOn("carrier-c", 1200L)));
        send(answered("442071234567", minutes(2), "30", answeredOn("carrier-a", 800L)));

        watermark(minutes(15));

        assertThat(emitted()).containsExactly(
                new VendorQuality("carrier-a", "44", T, minutes(15), 1, 1, 1, new BigDecimal("30"), 1, 800),
                new VendorQuality("carrier-a", "49", T, minutes(15), 1, 0, 0, BigDecimal.ZERO, 0, 0),
                new VendorQuality("carrier-b", "49", T, minutes(15), 1, 0, 0, BigDecimal.ZERO, 1, 4000),
                new VendorQuality("carrier-c", "49", T, minutes(15), 1, 1, 1, new BigDecimal("90"), 1, 1200));
    }

    @Test
    void aWindowWithoutAnswersOrDelaysHasNoAcdOrPdd() throws Exception {
        open(FIFTEEN_MINUTES, FIVE_MINUTES);
        send(unanswered(GERMANY, minutes(1), Disposition.FAILED, failedOn("carrier-a", 3, null)));
        send(unanswered(GERMANY, minutes(2), Disposition.CONGESTION, failedOn("carrier-a", 34, null)));

        watermark(minutes(5));

        VendorQuality quality = emitted().get(0);
        assertThat(quality.attempts()).isEqualTo(2);
        assertThat(quality.asr()).isEqualTo("0.0000");
        assertThat(quality.ner()).isEqualTo("0.0000");
        assertThat(quality.acdS()).isNull();
        assertThat(quality.pddMs()).isNull();
    }

    @Test
    void aCallThatEndedInAClosedWindowIsLeftOut() throws Exception {
        open(FIFTEEN_MINUTES, FIFTEEN_MINUTES);
        watermark(minutes(15));

        send(unanswered(GERMANY, minutes(14), Disposition.BUSY, failedOn("carrier-a", 17, null)));
        send(unanswered(GERMANY, minutes(16), Disposition.BUSY, failedOn("carrier-a", 17, null)));
        watermark(minutes(30));

        assertThat(emitted()).extracting(VendorQuality::windowStart, VendorQuality::attempts)
                .containsExactly(tuple(minutes(15), 1L));
    }

    @Test
    void flinkSerializesTheStepsTypesWithoutFallingBackToKryo() {
        for (Class<?> type : List.of(AttemptOutcome.class, VendorDestination.class, QualityTally.class,
                VendorQuality.class)) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    private void open(Duration size, Duration slide) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        @SuppressWarnings("unchecked")
        OneInputTransformation<AttemptOutcome, VendorQuality> windows =
                (OneInputTransformation<AttemptOutcome, VendorQuality>) VendorQualityStream
                        .apply(env.fromData(List.of(), TypeInformation.of(Cdr.class)), size, slide).getTransformation();
        harness = harnessOf(windows);
        harness.open();
    }

    @SuppressWarnings("unchecked")
    private static <K> KeyedOneInputStreamOperatorTestHarness<K, AttemptOutcome, VendorQuality> harnessOf(
            OneInputTransformation<AttemptOutcome, VendorQuality> windows) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(windows.getOperatorFactory(),
                (KeySelector<AttemptOutcome, K>) windows.getStateKeySelector(),
                (TypeInformation<K>) windows.getStateKeyType());
    }

    private void send(Cdr cdr) throws Exception {
        List<AttemptOutcome> attempts = new ArrayList<>();
        new AttemptOutcomes().flatMap(cdr, new ListCollector<>(attempts));
        long timestamp = stamp.extractTimestamp(cdr, Long.MIN_VALUE);
        for (AttemptOutcome attempt : attempts) {
            harness.processElement(new StreamRecord<>(attempt, timestamp));
        }
    }

    private void watermark(Instant t) throws Exception {
        harness.processWatermark(t.toEpochMilli());
    }

    /** Everything emitted so far, by window, then vendor, then destination. */
    private List<VendorQuality> emitted() {
        return harness.extractOutputValues().stream()
                .sorted(Comparator.comparing(VendorQuality::windowStart).thenComparing(VendorQuality::vendor)
                        .thenComparing(VendorQuality::destination))
                .toList();
    }

    private static Instant minutes(int m) {
        return T.plus(Duration.ofMinutes(m));
    }
}
