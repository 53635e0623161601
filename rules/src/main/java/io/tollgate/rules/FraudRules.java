package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled fraud rule set. Immutable and thread-safe: each {@link #evaluate} runs in a stateless session of its
 * own, with its own {@link Findings}.
 */
public final class FraudRules {
    private static final String STANDARD = "fraud-checklist.drl";

    // Creating a Drools session costs more than evaluating a second's facts of a customer: sessions are pooled
    // (and reset when returned) instead. The pool grows to the number of threads evaluating at once.
    private final KieSessionsPool sessions;
    private final Map<String, RuleInfo> rulesByTitle;

    private FraudRules(KieSessionsPool sessions, Map<String, RuleInfo> rulesByTitle) {
        this.sessions = sessions;
        this.rulesByTitle = rulesByTitle;
    }

    /** The bundled checklist ({@code fraud-checklist.drl}), compiled once per JVM. */
    public static FraudRules standard() {
        return Standard.RULES;
    }

    /** Compiles {@code drl}; {@code source} (a file name) is what error messages name. */
    public static FraudRules compile(String drl, String source) throws RuleSetException {
        Objects.requireNonNull(drl, "drl is required");
        Objects.requireNonNull(source, "source is required");
        RuleSetCompiler.Compiled compiled = RuleSetCompiler.compile(drl, source);
        return new FraudRules(compiled.kieBase().newKieSessionsPool(1), compiled.rulesByTitle());
    }

    /**
     * Evaluates the facts of one customer with that customer's profile.
     *
     * @return what fired, ordered by rule id, then subject
     * @throws IllegalArgumentException if a fact is not of {@code profile}'s customer: another customer's thresholds
     *     would silently apply to it
     */
    public List<Finding> evaluate(FraudProfile profile, Collection<? extends Observation> facts) {
        Objects.requireNonNull(profile, "profile is required");
        List<Object> session = new ArrayList<>(facts.size() + 1);
        session.add(profile);
        for (Observation fact : facts) {
            if (!profile.customer().equals(fact.customer())) {
                throw new IllegalArgumentException("a fact of customer " + fact.customer()
                        + " evaluated with the profile of " + profile.customer() + ": " + fact);
            }
            session.add(fact);
        }
        Findings findings = new Findings(rulesByTitle);
        StatelessKieSession stateless = sessions.newStatelessKieSession();
        stateless.setGlobal("findings", findings);
        stateless.execute(session);
        return findings.sorted();
    }

    /** The rules in the order the DRL lists them. */
    public List<RuleInfo> rules() {
        return List.copyOf(rulesByTitle.values());
    }

    /**
     * A copy whose findings of the given rules block {@code overrides}' scope instead of the DRL's {@code @block}
     * (a carrier that wants wangiri to block the customer, or IRSF only to alert).
     *
     * @throws IllegalArgumentException naming a rule id the rule set does not have
     */
    public FraudRules withBlocks(Map<String, BlockScope> overrides) {
        Map<String, String> titles = new LinkedHashMap<>();
        rulesByTitle.forEach((title, rule) -> titles.put(rule.id(), title));
        overrides.forEach((id, block) -> {
            if (!titles.containsKey(id)) {
                throw new IllegalArgumentException("no rule with id " + id + " in the rule set; its rules are "
                        + titles.keySet());
            }
            Objects.requireNonNull(block, () -> "block scope of rule " + id + " is null");
        });
        Map<String, RuleInfo> changed = new LinkedHashMap<>();
        rulesByTitle.forEach((title, rule) -> changed.put(title,
                rule.withBlock(overrides.getOrDefault(rule.id(), rule.block()))));
        return new FraudRules(sessions, changed);
    }

    /** The text of the bundled checklist: where an analyst starts a rule file of their own. */
    public static String standardSource() {
        try (InputStream in = FraudRules.class.getResourceAsStream(STANDARD)) {
            if (in == null) {
                throw new IllegalStateException(STANDARD + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Standard {
        static final FraudRules RULES = load();

        private static FraudRules load() {
            try {
                return compile(standardSource(), STANDARD);
            } catch (RuleSetException e) {
                throw new IllegalStateException("the bundled rule set does not compile: " + e.getMessage(), e);
            }
        }
    }
}
