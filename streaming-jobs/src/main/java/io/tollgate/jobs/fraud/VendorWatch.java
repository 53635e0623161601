package io.tollgate.jobs.fraud;

import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.quality.VendorQuality;
import io.tollgate.jobs.fraud.features.VendorRoutes;
import io.tollgate.rules.FraudRuleBook;
import io.tollgate.rules.VendorRoute;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One vendor × destination's quality watch: each new quality window is judged against the windows before it.
 * Vendor alerts concern every customer ({@link FraudProfiles#DEFAULTS}) and never block by themselves: rerouting
 * away from a failing vendor is a trader's decision.
 */
public final class VendorWatch extends KeyedBroadcastProcessFunction<String, VendorQuality, byte[], RaisedAlert> {
    private static final long serialVersionUID = 1L;

    private final RuleBooks books;
    private final OpenAlerts.Pacing pacing;
    private transient ValueState<VendorRoutes> routes;
    private transient ValueState<OpenAlerts> alerts;

    public VendorWatch(FraudRuleSet initial, Map<String, ZoneId> zones, OpenAlerts.Pacing pacing) {
        this.books = new RuleBooks(initial, zones);
        this.pacing = pacing;
    }

    @Override
    public void open(OpenContext context) {
        routes = getRuntimeContext().getState(new ValueStateDescriptor<>("vendor-routes", VendorRoutes.class));
        alerts = getRuntimeContext().getState(new ValueStateDescriptor<>("open-alerts", OpenAlerts.class));
    }

    @Override
    public void processElement(VendorQuality quality, ReadOnlyContext ctx, Collector<RaisedAlert> out)
            throws Exception {
        VendorRoutes r = routes.value();
        if (r == null) {
            r = new VendorRoutes();
        }
        VendorRoute fact = r.onQuality(quality);
        routes.update(r);
        if (fact == null) {
            return; // a window seen before, or one older than the newest: nothing new to judge
        }
        FraudRuleBook book = books.current(ctx.getBroadcastState(RuleBooks.STATE));
        OpenAlerts open = alerts.value();
        if (open == null) {
            open = new OpenAlerts();
        }
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        var findings = book.rules().evaluate(book.profiles().forCustomer(FraudProfiles.DEFAULTS), List.of(fact));
        open.apply(findings, now, pacing).forEach(change -> out.collect(change.alert()));
        alerts.update(open);
    }

    @Override
    public void processBroadcastElement(byte[] ruleSet, Context ctx, Collector<RaisedAlert> out) throws Exception {
        if (RuleBooks.newer(ruleSet, ctx.getBroadcastState(RuleBooks.STATE))) {
            ctx.getBroadcastState(RuleBooks.STATE).put(RuleBooks.KEY, ruleSet);
        }
    }
}
