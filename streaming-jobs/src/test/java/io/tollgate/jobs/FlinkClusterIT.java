package io.tollgate.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.jobs.cluster.FlinkRest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the standalone Flink cluster of infra/stack: a job submitted over REST runs on both TaskManagers. */
class FlinkClusterIT {

    @Test
    void aSubmittedJobRunsOnBothTaskManagersAndFinishes(@TempDir Path dir) throws Exception {
        FlinkRest cluster = new FlinkRest(LocalStack.flinkRest());
        JsonNode overview = cluster.overview();
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);

        String jarId = cluster.uploadJar(jarOf(dir, SpreadProbeJob.class));
        String jobId;
        try {
            jobId = cluster.runJar(jarId, SpreadProbeJob.class.getName(), List.of(),
                    overview.path("slots-total").asInt());
        } finally {
            cluster.deleteJar(jarId);
        }

        assertThat(cluster.awaitState(jobId, FlinkRest.ENDED, Duration.ofSeconds(120))).isEqualTo("FINISHED");
        Set<String> taskManagers = new HashSet<>();
        for (JsonNode vertex : cluster.job(jobId).path("vertices")) {
            String vertexId = vertex.path("id").asText();
            for (JsonNode tm : cluster.get("jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers")
                    .path("taskmanagers")) {
                taskManagers.add(tm.path("taskmanager-id").asText());
            }
        }
        assertThat(taskManagers).hasSize(2);
    }

    /** A jar holding just {@code job}'s class files: the cluster brings Flink itself. */
    private static Path jarOf(Path dir, Class<?> job) throws IOException {
        Path jar = dir.resolve("probe.jar");
        String packagePath = job.getPackageName().replace('.', '/');
        Path classes = Path.of(job.getProtectionDomain().getCodeSource().getLocation().getPath()).resolve(packagePath);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(job.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
