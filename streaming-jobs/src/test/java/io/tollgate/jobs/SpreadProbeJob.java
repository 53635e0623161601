package io.tollgate.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;

/** A bounded job wide enough (parallelism = every slot) to need both TaskManagers of the local cluster. */
public final class SpreadProbeJob {
    private SpreadProbeJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 2_000_000)
                .keyBy(n -> n % 64)
                .map(n -> n * 2)
                .addSink(new DiscardingSink<>());
        env.execute("tollgate-spread-probe");
    }
}
