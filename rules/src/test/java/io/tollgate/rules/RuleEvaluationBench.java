package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.tollgate.rules.Facts.customer;
import static io.tollgate.rules.Facts.destination;
import static io.tollgate.rules.Facts.range;

/**
 * Facts evaluated per second by the bundled checklist, one thread (scores are facts/s:
 * {@link OperationsPerInvocation} counts facts, not evaluations).
 * {@code batch10k}: 10,000 mixed facts of 500 customers, grouped per customer as the fraud job does, one
 * {@link FraudRules#evaluate} per customer with its own profile. {@code oneCustomerPerSecond}: one customer's ~20
 * facts, what the job evaluates each second for a busy customer. About 3 % of the facts fire a rule.
 * {@code baselineBatch10kOneIdleRule}: the same batch through a single rule that never fires.
 *
 * <p>Run: {@code mvn -o -q -pl rules test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -DincludeScope=test}, then {@code java -cp rules/target/test-classes:rules/target/classes:$(cat rules/target/cp.txt)
 * org.openjdk.jmh.Main RuleEvaluationBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RuleEvaluationBench {
    private static final int BATCH = 10_000;
    private static final int CUSTOMERS = 500;
    private static final int ONE_CUSTOMER = 20;

    /**
     * The baseline, measured in the same run: the same facts through one rule that never fires, so what is left is
     * Drools' per-evaluation cost (a pooled session, inserting the facts, firing nothing).
     */
    private static final String NOTHING = """
            package io.tollgate.rules;
            import io.tollgate.core.fraud.FraudProfile;
            global io.tollgate.rules.Findings findings;
            rule "never"
                @id("never") @severity("WARNING") @block("NONE")
            when
                $p : FraudProfile()
                $w : CustomerWindow(calls < 0)
            then
                findings.raise(drools, $w);
            end
            """;

    private FraudRules rules;
    private FraudRules baseline;
    private final Map<FraudProfile, List<Observation>> batch = new LinkedHashMap<>();
    private FraudProfile busy;
    private List<Observation> busyFacts;

    @Setup(Level.Trial)
    public void setUp() {
        rules = FraudRules.standard();
        try {
            baseline = FraudRules.compile(NOTHING, "baseline.drl");
        } catch (RuleSetException e) {
            throw new IllegalStateException(e);
        }
        FraudProfiles profiles = new FraudProfiles(DefaultThresholds.profile(), Map.of(), Map.of());
        SplittableRandom random = new SplittableRandom(11);
        Map<String, List<Observation>> byCustomer = new LinkedHashMap<>();
        for (int i = 0; i < BATCH; i++) {
            Observation fact = fact(random, "cust-" + random.nextInt(CUSTOMERS), i);
            byCustomer.computeIfAbsent(fact.customer(), c -> new ArrayList<>()).add(fact);
        }
        byCustomer.forEach((id, facts) -> batch.put(profiles.forCustomer(id), facts));
        busy = profiles.forCustomer("busy");
        busyFacts = new ArrayList<>();
        for (int i = 0; i < ONE_CUSTOMER; i++) {
            busyFacts.add(fact(random, "busy", i));
        }
        long findings = batch.entrySet().stream().mapToLong(e -> rules.evaluate(e.getKey(), e.getValue()).size())
                .sum();
        System.out.printf("%n%,d facts of %d customers; %d findings%n", BATCH, batch.size(), findings);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batch10k(Blackhole sink) {
        batch.forEach((profile, facts) -> sink.consume(rules.evaluate(profile, facts)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void baselineBatch10kOneIdleRule(Blackhole sink) {
        batch.forEach((profile, facts) -> sink.consume(baseline.evaluate(profile, facts)));
    }

    @Benchmark
    @OperationsPerInvocation(ONE_CUSTOMER)
    public List<Finding> oneCustomerPerSecond() {
        return rules.evaluate(busy, busyFacts);
    }

    // Mostly ordinary traffic; one fact in ~30 crosses a threshold.
    private static Observation fact(SplittableRandom random, String id, int n) {
        boolean hot = random.nextInt(30) == 0;
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> hot
                    ? customer().of(id).spend("700.00").build()
                    : customer().of(id).callsLastMinute(5 + random.nextInt(10), 8).build();
            case 3, 4, 5, 6 -> hot
                    ? destination("88213").of(id).highRisk().calls(12).build()
                    : destination(String.valueOf(30 + random.nextInt(60))).of(id).calls(1 + random.nextInt(5))
                            .build();
            case 7, 8 -> hot
                    ? range("23270" + n).of(id).run(12).build()
                    : range("4420" + n).of(id).shortOrUnanswered(random.nextInt(5), 10).build();
            default -> destination("1" + random.nextInt(1000)).of(id).margin(3 + random.nextInt(5), "0.40").build();
        };
    }
}
