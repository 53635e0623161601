package io.tollgate.rules;

import org.drools.model.Drools;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The DRL's global {@code findings}: one per evaluation, so that concurrent evaluations never share it. Rules only
 * say {@code findings.raise(drools, $fact)}; id, severity and block come from the rule's metadata (or the rule
 * set's block overrides), so a rule's consequence cannot disagree with what {@link FraudRules#rules()} lists.
 */
public final class Findings {
    // Rule id first, then subject; customer and window end only break ties between otherwise equal findings.
    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::ruleId)
            .thenComparing(f -> f.fact().subject(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> f.fact().customer(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> f.fact().windowEnd(), Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Map<String, RuleInfo> rulesByTitle;
    private final List<Finding> raised = new ArrayList<>();

    Findings(Map<String, RuleInfo> rulesByTitle) {
        this.rulesByTitle = rulesByTitle;
    }

    /**
     * Called by a rule's consequence: {@code drools} tells which rule fired. The executable model types it as
     * {@link Drools}, which does not expose the rule; its implementation is also the rule's {@link RuleContext}.
     */
    public void raise(Drools drools, Observation fact) {
        if (!(drools instanceof RuleContext context)) {
            throw new IllegalStateException("compile rule sets with the executable model: " + drools.getClass());
        }
        String title = context.getRule().getName();
        RuleInfo rule = rulesByTitle.get(title);
        if (rule == null) {
            throw new IllegalStateException("rule \"" + title + "\" is not in the rule set");
        }
        raised.add(new Finding(rule.id(), rule.severity(), rule.block(), fact));
    }

    List<Finding> sorted() {
        raised.sort(ORDER);
        return List.copyOf(raised);
    }
}
