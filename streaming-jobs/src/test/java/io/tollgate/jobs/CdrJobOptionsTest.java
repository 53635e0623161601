package io.tollgate.jobs;

import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.kafka.Topics;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job's arguments, the same whether it runs in a MiniCluster or from the job jar on a cluster. */
class CdrJobOptionsTest {
    private static final String CONFIG = LocalStack.checkout().resolve("tollgate.yaml").toString();

    @Test
    void theDefaultsAreTheOnesUsageShows() {
        CdrJobOptions defaults = CdrJobOptions.parse(new String[] {"--config", CONFIG});
        // [--grace PT10S], [--from earliest|latest]: the value shown (the first one) is the default
        Matcher shown = Pattern.compile("\\[--([a-z-]+) ([^]|]+)[^]]*]").matcher(CdrJobOptions.USAGE);
        int checked = 0;
        while (shown.find()) {
            String option = shown.group(1);
            String value = shown.group(2);
            if (value.matches(".*[A-Z]{3,}") && !value.startsWith("PT")) {
                continue; // a placeholder: NAME, PREFIX, file:///DIR
            }
            assertThat(CdrJobOptions.parse(new String[] {"--config", CONFIG, "--" + option, value}))
                    .as("--" + option + " " + value).isEqualTo(defaults);
            checked++;
        }
        assertThat(checked).isEqualTo(7);
        assertThat(defaults.name()).isEqualTo("tollgate-cdr");
        assertThat(defaults.fromEarliest()).isTrue();
        assertThat(defaults.checkpoints()).startsWith("file:").contains("tollgate-checkpoints");
        assertThat(defaults.topicPrefix()).isEmpty();
        assertThat(defaults.clickhouseDatabase()).isNull();
    }

    @Test
    void everyOptionIsRead() {
        CdrJobOptions o = CdrJobOptions.parse(new String[] {"--config", CONFIG, "--name", "trial",
            "--from", "latest", "--call-timeout", "PT1H", "--grace", "PT5S", "--closed-retention", "PT30M",
            "--block-rows", "5000", "--checkpoints", "file:///tmp/cp", "--checkpoint-interval", "PT1S",
            "--topic-prefix", "run1.", "--clickhouse-database", "scratch"});

        assertThat(o).isEqualTo(new CdrJobOptions(Path.of(CONFIG), "trial", false, Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofMinutes(30), 5000, "file:///tmp/cp", Duration.ofSeconds(1),
                "run1.", "scratch"));
    }

    @Test
    void usageNamesEveryKnownOptionAndNoOther() {
        Matcher option = Pattern.compile("--([a-z-]+)").matcher(CdrJobOptions.USAGE);
        java.util.List<String> named = new java.util.ArrayList<>();
        while (option.find()) {
            named.add(option.group(1));
        }

        assertThat(named).containsExactlyInAnyOrderElementsOf(CdrJobOptions.KNOWN);
    }

    @Test
    void mistakesAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--grace", "PT5S"}))
                .hasMessageContaining("--config FILE is required");
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--config", CONFIG, "--prefix", "x"}))
                .hasMessageContaining("unknown option --prefix").hasMessageContaining(CdrJobOptions.USAGE);
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--config", CONFIG, "--topic-prefix"}))
                .hasMessageContaining("--topic-prefix needs a value");
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--config", CONFIG, "--from", "now"}))
                .hasMessageContaining("--from must be earliest or latest, got 'now'");
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--config", CONFIG, "--call-timeout", "4h"}))
                .hasMessageContaining("--call-timeout must be an ISO-8601 duration like PT4H, got '4h'");
        assertThatThrownBy(() -> CdrJobOptions.parse(new String[] {"--config", CONFIG, "--block-rows", "many"}))
                .hasMessageContaining("--block-rows must be a whole number above 0, got 'many'");
    }

    @Test
    void aTopicPrefixAndADatabaseIsolateARun() throws Exception {
        CdrPipeline.Settings standard = CdrJobOptions.parse(new String[] {"--config", CONFIG}).settings();
        CdrPipeline.Settings isolated = CdrJobOptions.parse(new String[] {"--config", CONFIG,
            "--topic-prefix", "run1.", "--clickhouse-database", "it_scratch"}).settings();

        assertThat(standard.topics()).isEqualTo(CdrPipeline.PipelineTopics.STANDARD);
        assertThat(isolated.topics().all()).allSatisfy(topic -> assertThat(topic).startsWith("run1.tollgate."));
        assertThat(isolated.topics().callEvents()).isEqualTo("run1." + Topics.CALL_EVENTS);
        assertThat(isolated.clickhouse().database()).isEqualTo("it_scratch");
        assertThat(isolated.clickhouse().url()).isEqualTo(standard.clickhouse().url());
        assertThat(isolated.clickhouse().credentials()).isEqualTo(standard.clickhouse().credentials());
        assertThat(isolated.describe()).anySatisfy(line -> assertThat(line).contains("run1.tollgate.call-events"))
                .anySatisfy(line -> assertThat(line).contains("/it_scratch"));
    }

    @Test
    void checkpointsGoToTheFilesystemEveryInterval() {
        var conf = CdrJobOptions.parse(new String[] {"--config", CONFIG, "--checkpoints", "file:///tmp/cp",
            "--checkpoint-interval", "PT3S"}).flinkConfiguration();

        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(3));
    }
}
