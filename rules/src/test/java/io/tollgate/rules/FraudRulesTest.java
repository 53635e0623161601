package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.Severity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tollgate.rules.Facts.customer;
import static io.tollgate.rules.Facts.destination;
import static io.tollgate.rules.Facts.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The runtime around the rules: listing, ordering, overrides, and what it refuses. */
class FraudRulesTest {
    private static final FraudRules RULES = FraudRules.standard();

    @Test
    void listsTheChecklistWithItsMetadataAndThresholds() {
        assertThat(RULES.rules()).extracting(RuleInfo::id, RuleInfo::severity, RuleInfo::block).containsExactly(
                tuple("irsf", Severity.CRITICAL, BlockScope.DESTINATION),
                tuple("wangiri", Severity.CRITICAL, BlockScope.DESTINATION),
                tuple("short-call-burst", Severity.WARNING, BlockScope.NONE),
                tuple("sequential-dialling", Severity.CRITICAL, BlockScope.DESTINATION),
                tuple("cps-spike", Severity.WARNING, BlockScope.NONE),
                tuple("concurrency-spike", Severity.CRITICAL, BlockScope.CUSTOMER),
                tuple("spend-cap", Severity.CRITICAL, BlockScope.CUSTOMER),
                tuple("new-destination", Severity.WARNING, BlockScope.NONE),
                tuple("negative-margin", Severity.WARNING, BlockScope.NONE),
                tuple("asr-collapse", Severity.WARNING, BlockScope.NONE));
        assertThat(RULES.rules().get(0).title()).isEqualTo("IRSF: traffic to a high-risk destination");
        assertThat(RULES.rules().get(0).thresholds()).containsExactly("irsf.calls", "irsf.minutes", "irsf.revenue");
        assertThat(RULES.rules().get(4).thresholds())
                .containsExactly("cps-spike.factor", "cps-spike.history-minutes", "cps-spike.min-calls");
    }

    @Test
    void everyDefaultThresholdBelongsToARule() {
        List<String> listed = RULES.rules().stream().flatMap(r -> r.thresholds().stream()).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(DefaultThresholds.thresholds().keySet());
    }

    @Test
    void ordersFindingsByRuleIdThenSubjectWhateverTheInsertionOrder() {
        List<Observation> facts = new ArrayList<>(List.of(
                destination("88216").highRisk().calls(12).build(),
                destination("88213").highRisk().calls(12).margin(9, "-40.00").build(),
                range("2327000").shortOrUnanswered(30, 30).run(12).build(),
                range("2327100").run(10).build(),
                customer().spend("900.00").shortCalls(60, 60).build()));
        List<String> expected = List.of("irsf 88213", "irsf 88216", "negative-margin 88213",
                "sequential-dialling 2327000", "sequential-dialling 2327100", "short-call-burst acme",
                "spend-cap acme", "wangiri 2327000");
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(facts, random);
            assertThat(RULES.evaluate(Facts.defaults(), facts))
                    .extracting(f -> f.ruleId() + " " + f.fact().subject())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aCustomersOverrideChangesItsOutcomeOnly() {
        FraudProfile big = new FraudProfile("big-carrier", ZoneOffset.UTC,
                Map.of("spend-cap.hourly", new BigDecimal("5000.00")), Set.of("short-call-burst"), Map.of());
        FraudProfiles profiles = new FraudProfiles(DefaultThresholds.profile(), Map.of("big-carrier", big), Map.of());

        assertThat(RULES.evaluate(profiles.forCustomer("acme"),
                List.of(customer().spend("900.00").shortCalls(60, 60).build())))
                .extracting(Finding::ruleId).containsExactly("short-call-burst", "spend-cap");
        assertThat(RULES.evaluate(profiles.forCustomer("big-carrier"),
                List.of(customer().of("big-carrier").spend("900.00").shortCalls(60, 60).build()))).isEmpty();
        assertThat(RULES.evaluate(profiles.forCustomer("big-carrier"),
                List.of(customer().of("big-carrier").spend("5000").build())))
                .extracting(Finding::ruleId).containsExactly("spend-cap");
    }

    @Test
    void refusesFactsOfAnotherCustomerThanTheProfiles() {
        assertThatThrownBy(() -> RULES.evaluate(Facts.defaults("acme"), List.of(customer().of("other").build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer other").hasMessageContaining("profile of acme");
    }

    @Test
    void withBlocksOverridesTheBlockScopeOfTheNamedRulesOnly() {
        FraudRules custom = RULES.withBlocks(Map.of("wangiri", BlockScope.CUSTOMER, "irsf", BlockScope.NONE));
        List<Observation> facts = List.of(range("2327000").shortOrUnanswered(20, 20).build(),
                destination("88213").highRisk().calls(10).build(), customer().spend("500.00").build());

        assertThat(custom.evaluate(Facts.defaults(), facts)).extracting(Finding::ruleId, Finding::block)
                .containsExactly(tuple("irsf", BlockScope.NONE), tuple("spend-cap", BlockScope.CUSTOMER),
                        tuple("wangiri", BlockScope.CUSTOMER));
        assertThat(RULES.evaluate(Facts.defaults(), facts)).extracting(Finding::ruleId, Finding::block)
                .containsExactly(tuple("irsf", BlockScope.DESTINATION), tuple("spend-cap", BlockScope.CUSTOMER),
                        tuple("wangiri", BlockScope.DESTINATION));
        assertThat(custom.rules()).filteredOn(r -> r.id().equals("wangiri"))
                .extracting(RuleInfo::block).containsExactly(BlockScope.CUSTOMER);
    }

    @Test
    void withBlocksRefusesAnUnknownRuleId() {
        assertThatThrownBy(() -> RULES.withBlocks(Map.of("irsf", BlockScope.NONE, "no-such-rule", BlockScope.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-rule");
    }

    @Test
    void aPooledSessionForgetsThePreviousEvaluation() {
        assertThat(RULES.evaluate(Facts.defaults(), List.of(customer().spend("900.00").build()))).hasSize(1);
        assertThat(RULES.evaluate(Facts.defaults(), List.of())).isEmpty();
        assertThat(RULES.evaluate(Facts.defaults(), List.of(customer().build()))).isEmpty();
    }

    @Test
    void evaluationsInParallelDoNotMix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Finding>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "c" + i;
                List<Observation> facts = i % 2 == 0
                        ? List.of(customer().of(id).spend("600.00").build(), destination("44").of(id).build())
                        : List.of(customer().of(id).build(), destination("88213").of(id).highRisk().calls(11).build());
                results.add(pool.submit(() -> RULES.evaluate(Facts.defaults(id), facts)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).extracting(Finding::ruleId, f -> f.fact().customer())
                        .containsExactly(tuple(i % 2 == 0 ? "spend-cap" : "irsf", "c" + i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
