package io.tollgate.rules;

import io.tollgate.core.fraud.Severity;

import java.util.List;

/**
 * A rule of a rule set, for listings.
 *
 * @param title the rule's name in the DRL, as an analyst reads it
 * @param thresholds the {@code rule.name} keys of {@link DefaultThresholds} this rule reads, sorted
 */
public record RuleInfo(String id, String title, Severity severity, BlockScope block, List<String> thresholds) {

    public RuleInfo {
        thresholds = List.copyOf(thresholds);
    }

    RuleInfo withBlock(BlockScope newBlock) {
        return new RuleInfo(id, title, severity, newBlock, thresholds);
    }
}
