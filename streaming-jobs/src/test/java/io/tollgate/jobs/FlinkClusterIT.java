package io.tollgate.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the standalone Flink cluster of infra/stack: a job submitted over REST runs on both TaskManagers. */
class FlinkClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSubmittedJobRunsOnBothTaskManagersAndFinishes(@TempDir Path dir) throws Exception {
        URI rest = LocalStack.flinkRest();
        int slots = get(rest.resolve("/overview")).path("slots-total").asInt();
        assertThat(get(rest.resolve("/overview")).path("taskmanagers").asInt()).isEqualTo(2);

        String jarId = upload(rest, jarOf(dir, SpreadProbeJob.class));
        String jobId = post(rest.resolve("/jars/" + jarId + "/run?entry-class=" + SpreadProbeJob.class.getName()
                + "&parallelism=" + slots)).path("jobid").asText();

        assertThat(awaitEnd(rest, jobId)).isEqualTo("FINISHED");
        Set<String> taskManagers = new HashSet<>();
        for (JsonNode vertex : get(rest.resolve("/jobs/" + jobId)).path("vertices")) {
            String vertexId = vertex.path("id").asText();
            for (JsonNode tm : get(rest.resolve("/jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers"))
                    .path("taskmanagers")) {
                taskManagers.add(tm.path("taskmanager-id").asText());
            }
        }
        assertThat(taskManagers).hasSize(2);
    }

    private String awaitEnd(URI rest, String jobId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            String state = get(rest.resolve("/jobs/" + jobId)).path("state").asText();
            if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
                return state;
            }
            Thread.sleep(200); // the poll interval of a status endpoint: the loop waits for the condition itself
        }
        throw new AssertionError("job " + jobId + " did not end within 120 s");
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

    private String upload(URI rest, Path jar) throws Exception {
        String boundary = "tollgate-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"probe.jar\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head);
        Files.copy(jar, (OutputStream) body);
        body.write(tail);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String file = JSON.readTree(r.body()).path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    private JsonNode get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private JsonNode post(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }
}
