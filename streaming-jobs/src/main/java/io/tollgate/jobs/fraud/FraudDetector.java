package io.tollgate.jobs.fraud;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.jobs.fraud.features.CustomerTraffic;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import io.tollgate.rules.FraudRuleBook;
import io.tollgate.rules.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One customer's fraud watch: learns features from its call events and rated calls, and at most every
 * {@link #EVALUATE_EVERY_MS} evaluates the rules on them; raised and updated alerts go out, and the blocks critical
 * alerts cause go to {@link #BLOCKS}. Features run on event time (the calls' own times), so a replay judges as the
 * live run did; alert pacing runs on the wall clock, which is what an analyst watching the dashboard lives in.
 */
public final class FraudDetector extends KeyedBroadcastProcessFunction<String, FraudInput, byte[], RaisedAlert> {
    private static final long serialVersionUID = 1L;
    /** Often enough for an alert within seconds, rarely enough that a busy customer costs one evaluation a tick. */
    static final long EVALUATE_EVERY_MS = 500;
    public static final OutputTag<Block> BLOCKS = new OutputTag<>("blocks", TypeInformation.of(Block.class));

    private final RuleBooks books;
    private final FeatureSettings features;
    private final OpenAlerts.Pacing pacing;
    private transient ValueState<CustomerTraffic> traffic;
    private transient ValueState<OpenAlerts> alerts;

    public FraudDetector(FraudRuleSet initial, Map<String, ZoneId> zones, FeatureSettings features,
                         OpenAlerts.Pacing pacing) {
        this.books = new RuleBooks(initial, zones);
        this.features = features;
        this.pacing = pacing;
    }

    @Override
    public void open(OpenContext context) {
        traffic = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic", CustomerTraffic.class));
        alerts = getRuntimeContext().getState(new ValueStateDescriptor<>("open-alerts", OpenAlerts.class));
    }

    @Override
    public void processElement(FraudInput input, ReadOnlyContext ctx, Collector<RaisedAlert> out) throws Exception {
        CustomerTraffic t = traffic.value();
        if (t == null) {
            t = new CustomerTraffic();
        }
        if (input.rated) {
            t.onRated(input.ratedCdr());
        } else {
            t.onEvent(input.event());
        }
        traffic.update(t);
        long now = ctx.timerService().currentProcessingTime();
        // timers of one key at one time are one timer: a busy customer still gets one evaluation per tick
        ctx.timerService().registerProcessingTimeTimer((now / EVALUATE_EVERY_MS + 1) * EVALUATE_EVERY_MS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RaisedAlert> out) throws Exception {
        CustomerTraffic t = traffic.value();
        if (t == null || t.latestEventTime() == null) {
            return;
        }
        FraudRuleBook book = books.current(ctx.getBroadcastState(RuleBooks.STATE));
        List<Finding> findings = Judgement.findings(book, features, ctx.getCurrentKey(), t);
        OpenAlerts open = alerts.value();
        if (open == null) {
            open = new OpenAlerts();
        }
        for (OpenAlerts.Change change : open.apply(findings, Instant.ofEpochMilli(timestamp), pacing)) {
            out.collect(change.alert());
            if (change.block() != null) {
                ctx.output(BLOCKS, change.block());
            }
        }
        traffic.update(t);
        alerts.update(open);
    }

    @Override
    public void processBroadcastElement(byte[] ruleSet, Context ctx, Collector<RaisedAlert> out) throws Exception {
        if (RuleBooks.newer(ruleSet, ctx.getBroadcastState(RuleBooks.STATE))) {
            ctx.getBroadcastState(RuleBooks.STATE).put(RuleBooks.KEY, ruleSet);
        }
    }
}
