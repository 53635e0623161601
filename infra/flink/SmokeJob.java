// A tiny bounded Flink job for `infra/stack smoke flink`: compiled against the cluster's own classpath and
// submitted with the Flink CLI, so it proves that the JobManager schedules onto the TaskManagers, that data
// is shuffled between them (keyBy), that keyed state, event-time timers and filesystem checkpoints work,
// and that results come back to the client.
package io.tollgate.infra;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

public final class SmokeJob {
    private static final int KEYS = 16;

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200);

        CloseableIterator<Tuple2<Long, Long>> results = env.fromSequence(1, n)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x))
                .keyBy(x -> x % KEYS)
                .process(new SumPerKey())
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .collectAsync();
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("tollgate-stack-smoke");

        Map<Long, Long> sums = new HashMap<>();
        while (results.hasNext()) {
            Tuple2<Long, Long> r = results.next();
            sums.put(r.f0, r.f1);
        }
        results.close();
        job.getJobExecutionResult().get();
        long total = sums.values().stream().mapToLong(Long::longValue).sum();
        long expected = n * (n + 1) / 2;
        System.out.printf("job %s: %d records, %d keys, sum %d (expected %d) in %d ms%n",
                job.getJobID(), n, sums.size(), total, expected, (System.nanoTime() - t0) / 1_000_000);
        if (sums.size() != KEYS || total != expected) {
            System.out.println("FAIL: wrong result");
            System.exit(1);
        }
        System.out.println("PASS");
    }

    /** Sums the values of a key in keyed state; emits the sum when the final watermark fires the timer. */
    static final class SumPerKey extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
        private transient ValueState<Long> sum;

        @Override
        public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
            if (sum == null) {
                sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
            }
            Long s = sum.value();
            if (s == null) {
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE - 1);
                s = 0L;
            }
            sum.update(s + value);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
            if (sum == null) {
                sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
            }
            out.collect(Tuple2.of(ctx.getCurrentKey(), sum.value()));
        }
    }
}
