package io.tollgate.ingest.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TopicSettingsTest {
    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void withoutATopicsSectionTheLayoutSuitsOneLocalBroker() throws Exception {
        TopicSettings topics = files.load(ConfigFiles.VALID).topics();

        assertThat(topics).isEqualTo(TopicSettings.DEFAULT);
        assertThat(topics.replication()).isEqualTo((short) 1);
    }

    @Test
    void theTopicsSectionSetsPartitionsReplicationAndRetention() throws Exception {
        TopicSettings topics = files.load(ConfigFiles.VALID + """
                topics:
                  partitions: 12
                  replication: 3
                  retention_hours: 72
                """).topics();

        assertThat(topics).isEqualTo(new TopicSettings(12, (short) 3, Duration.ofHours(72)));
    }

    @Test
    void badValuesAndUnknownKeysAreNamedByPath() throws Exception {
        assertThat(files.problems(ConfigFiles.VALID + """
                topics:
                  partitions: 0
                  replication: three
                  retention: 5
                """)).anySatisfy(p -> assertThat(p).contains("topics.partitions"))
                .anySatisfy(p -> assertThat(p).contains("topics.replication"))
                .anySatisfy(p -> assertThat(p).contains("topics.retention").contains("unknown key"));
    }
}
