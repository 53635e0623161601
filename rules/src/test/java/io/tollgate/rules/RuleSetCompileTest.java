package io.tollgate.rules;

import io.tollgate.core.fraud.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tollgate.rules.Facts.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link FraudRules#compile} refuses, and that it tells where. */
class RuleSetCompileTest {
    private static final String HEADER = """
            package io.tollgate.rules;
            import io.tollgate.core.fraud.FraudProfile;
            global io.tollgate.rules.Findings findings;
            """;

    private static String rule(String title, String metadata, String condition) {
        return """
                rule "%s"
                    %s
                when
                    $p : FraudProfile()
                    $w : CustomerWindow(%s)
                then
                    findings.raise(drools, $w);
                end
                """.formatted(title, metadata, condition);
    }

    @Test
    void compilesACustomRuleSetBesideTheStandardOne() throws RuleSetException {
        FraudRules custom = FraudRules.compile(HEADER + rule("Many calls", "@id(\"many-calls\") @severity(\"WARNING\") @block(\"NONE\")",
                "calls >= 100"), "custom.drl");

        assertThat(custom.rules()).extracting(RuleInfo::id, RuleInfo::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("many-calls", Severity.WARNING));
        assertThat(custom.evaluate(Facts.defaults(), List.of(customer().shortCalls(0, 150).build())))
                .extracting(Finding::ruleId).containsExactly("many-calls");
        assertThat(FraudRules.standard().rules()).hasSize(10);
        assertThat(FraudRules.standard().evaluate(Facts.defaults(), List.of(customer().shortCalls(0, 150).build())))
                .isEmpty();
    }

    @Test
    void aSyntaxErrorIsReportedWithSourceAndLine() {
        String drl = HEADER + rule("Broken", "@id(\"broken\") @severity(\"WARNING\") @block(\"NONE\")",
                "calls >= >= 100");
        // line 1-3: header; 4: rule; 5: metadata; 6: when; 7: $p; 8: the broken pattern

        assertThatThrownBy(() -> FraudRules.compile(drl, "broken.drl"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("broken.drl:8:");
    }

    @Test
    void anUnknownPropertyIsReportedWithSourceAndLine() {
        String drl = HEADER + rule("Unknown", "@id(\"unknown\") @severity(\"WARNING\") @block(\"NONE\")",
                "noSuchProperty >= 100");

        assertThatThrownBy(() -> FraudRules.compile(drl, "unknown.drl"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("unknown.drl:8:")
                .hasMessageContaining("noSuchProperty");
    }

    @Test
    void everyProblemDroolsReportsNamesTheSource() {
        String drl = HEADER
                + rule("First", "@id(\"first\") @severity(\"WARNING\") @block(\"NONE\")", "calls >= >= 1")
                + rule("Second", "@id(\"second\") @severity(\"WARNING\") @block(\"NONE\")", "calls < < 1");
        // Drools' parser stops at the first syntax error ("Parser returned a null Package" follows it, lineless).

        assertThatThrownBy(() -> FraudRules.compile(drl, "two.drl"))
                .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.problems())
                        .allSatisfy(p -> assertThat(p).startsWith("two.drl"))
                        .anySatisfy(p -> assertThat(p).startsWith("two.drl:8: ").contains("rule \"First\"")));
    }

    @Test
    void refusesARuleWithoutMetadata() {
        String drl = HEADER + rule("No block", "@id(\"no-block\") @severity(\"WARNING\")", "calls >= 1")
                + rule("No id", "@severity(\"WARNING\") @block(\"NONE\")", "calls >= 2")
                + rule("No severity", "@id(\"no-severity\") @block(\"NONE\")", "calls >= 3");

        assertThatThrownBy(() -> FraudRules.compile(drl, "bare.drl"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("bare.drl:4: rule \"No block\" has no @block")
                .hasMessageContaining("bare.drl:12: rule \"No id\" has no @id")
                .hasMessageContaining("bare.drl:20: rule \"No severity\" has no @severity");
    }

    @Test
    void refusesABadSeverityOrBlock() {
        String drl = HEADER + rule("Loud", "@id(\"loud\") @severity(\"FATAL\") @block(\"NONE\")", "calls >= 1")
                + rule("Wide", "@id(\"wide\") @severity(\"WARNING\") @block(\"COUNTRY\")", "calls >= 2");

        assertThatThrownBy(() -> FraudRules.compile(drl, "bad.drl"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("bad.drl:4: rule \"Loud\" has @severity(FATAL)")
                .hasMessageContaining("bad.drl:12: rule \"Wide\" has @block(COUNTRY)");
    }

    @Test
    void refusesADuplicateId() {
        String drl = HEADER + rule("One", "@id(\"same\") @severity(\"WARNING\") @block(\"NONE\")", "calls >= 1")
                + rule("Two", "@id(\"same\") @severity(\"CRITICAL\") @block(\"CUSTOMER\")", "calls >= 2");

        assertThatThrownBy(() -> FraudRules.compile(drl, "dup.drl"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("dup.drl:12: rule \"Two\" has @id(same), already used by rule \"One\"");
    }
}
