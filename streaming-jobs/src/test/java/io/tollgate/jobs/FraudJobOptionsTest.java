package io.tollgate.jobs;

import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fraud job's arguments, the same whether it runs in a MiniCluster or from the job jar on a cluster. */
class FraudJobOptionsTest {
    private static final String CONFIG = LocalStack.checkout().resolve("tollgate.yaml").toString();

    @Test
    void theDefaultsAreTheOnesUsageShowsAndANewJobJudgesOnlyNewTraffic() {
        FraudJobOptions defaults = FraudJobOptions.parse(new String[] {"--config", CONFIG});
        Matcher shown = Pattern.compile("\\[--([a-z-]+) ([^]|]+)[^]]*]").matcher(FraudJobOptions.USAGE);
        int checked = 0;
        while (shown.find()) {
            String value = shown.group(2);
            if (value.matches(".*[A-Z]{3,}") && !value.startsWith("PT")) {
                continue; // a placeholder: NAME, PREFIX, file:///DIR
            }
            assertThat(FraudJobOptions.parse(new String[] {"--config", CONFIG, "--" + shown.group(1), value}))
                    .as("--" + shown.group(1) + " " + value).isEqualTo(defaults);
            checked++;
        }
        assertThat(checked).isEqualTo(5);
        assertThat(defaults.name()).isEqualTo("tollgate-fraud");
        assertThat(defaults.fromEarliest()).isFalse();
    }

    @Test
    void everyOptionIsReadAndTheSettingsFollowThem() throws Exception {
        FraudJobOptions o = FraudJobOptions.parse(new String[] {"--config", CONFIG, "--name", "trial", "--from",
            "earliest", "--checkpoints", "file:///tmp/cp", "--checkpoint-interval", "PT1S", "--alert-update-every",
            "PT30S", "--alert-close-after", "PT1H", "--topic-prefix", "run1.", "--clickhouse-database", "scratch"});

        assertThat(o).isEqualTo(new FraudJobOptions(Path.of(CONFIG), "trial", true, "file:///tmp/cp",
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1), "run1.", "scratch"));
        FraudPipeline.Settings s = o.settings();
        assertThat(s.topics().all()).allMatch(t -> t.startsWith("run1.tollgate."));
        assertThat(s.clickhouse().database()).isEqualTo("scratch");
        assertThat(s.pacing().updateEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.rules().highRisk()).as("the config's fraud section").containsKey("2899");
        assertThat(s.zones()).containsKey("acme");
        assertThat(s.describe()).anySatisfy(line -> assertThat(line).contains("from the earliest traffic"));
    }

    @Test
    void usageNamesEveryOptionAndMistakesAreRefused() {
        Matcher option = Pattern.compile("--([a-z-]+)").matcher(FraudJobOptions.USAGE);
        Set<String> named = new HashSet<>();
        while (option.find()) {
            named.add(option.group(1));
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(FraudJobOptions.KNOWN);
        assertThatThrownBy(() -> FraudJobOptions.parse(new String[] {"--config", CONFIG, "--grace", "PT5S"}))
                .hasMessageContaining("unknown option --grace");
        assertThatThrownBy(() -> FraudJobOptions.parse(new String[] {"--config", CONFIG, "--alert-close-after",
            "15m"})).hasMessageContaining("--alert-close-after must be an ISO-8601 duration");
    }
}
