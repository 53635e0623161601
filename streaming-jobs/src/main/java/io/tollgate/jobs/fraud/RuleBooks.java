package io.tollgate.jobs.fraud;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.rules.FraudRuleBook;
import io.tollgate.rules.RuleSetException;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The rule book in force on one task: the set from the broadcast state if one was published, else the set the
 * job started with. Compiled once per version (seconds for the executable model), not per evaluation. A published
 * set that does not compile is logged and the previous one stays in force: {@code tollgate fraud deploy} compiles
 * before it publishes, so this only guards against a hand-made record.
 */
public final class RuleBooks implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(RuleBooks.class);
    static final String KEY = "rule-set";

    /** The published rule set, as JSON, under {@link #KEY}. */
    public static final MapStateDescriptor<String, byte[]> STATE = new MapStateDescriptor<>("fraud-rule-set",
            BasicTypeInfo.STRING_TYPE_INFO, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final byte[] initial;
    private final HashMap<String, ZoneId> zones;
    private transient FraudRuleBook book;
    private transient long refused = -1;
    /** The bytes the book in force was checked against: the broadcast state hands out the same array until replaced. */
    private transient byte[] checked;

    RuleBooks(FraudRuleSet initial, Map<String, ZoneId> zones) {
        this.initial = JsonCodec.FRAUD_RULE_SET.encode(initial);
        this.zones = new HashMap<>(zones);
    }

    /**
     * The book for the set in {@code state} (or the initial one), compiling it if it is new to this task. Asked at
     * every evaluation, so the set is only decoded when the state holds other bytes than last time.
     */
    FraudRuleBook current(ReadOnlyBroadcastState<String, byte[]> state) throws Exception {
        byte[] published = state.get(KEY);
        byte[] source = published != null ? published : initial;
        if (source != checked) {
            FraudRuleSet set = JsonCodec.FRAUD_RULE_SET.decode(source);
            if (book == null || (book.version() != set.version() && set.version() != refused)) {
                load(set);
            }
            checked = source;
        }
        return book;
    }

    /** Whether {@code candidate} should replace what {@code state} holds: only a newer version does. */
    static boolean newer(byte[] candidate, ReadOnlyBroadcastState<String, byte[]> state) throws Exception {
        byte[] held = state.get(KEY);
        return held == null || JsonCodec.FRAUD_RULE_SET.decode(candidate).version()
                > JsonCodec.FRAUD_RULE_SET.decode(held).version();
    }

    private void load(FraudRuleSet set) {
        try {
            book = FraudRuleBook.of(set, zones);
            log.info("fraud rule set version {} by {} in force", set.version(), set.issuer());
        } catch (RuleSetException e) {
            if (book == null) {
                throw new IllegalStateException("the fraud rule set does not compile: " + e.getMessage(), e);
            }
            refused = set.version();
            log.error("fraud rule set version {} refused, version {} stays in force: {}", set.version(),
                    book.version(), e.getMessage());
        }
    }
}
