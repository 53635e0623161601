package io.tollgate.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Flink session cluster's REST API (the endpoints the web UI and {@code flink run} use): job jars are uploaded and
 * run ({@code /jars}), jobs listed, watched and cancelled ({@code /jobs}). JDK HTTP client and Jackson only, so the
 * command line needs no Flink client libraries to drive a remote cluster.
 */
public final class FlinkRest {
    /** States after which a job does nothing more. */
    public static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "CANCELED");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One job as {@code /jobs/overview} lists it. */
    public record JobSummary(String id, String name, String state, Instant start, Duration duration) {
    }

    /** The cluster answered, but not with success: its status code and its own words. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Nothing answers at the REST endpoint: the cluster is not running there. */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base the REST endpoint, like {@code http://127.0.0.1:8081} */
    public FlinkRest(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    public URI base() {
        return base;
    }

    /** {@code /overview}: TaskManagers, slots (total and free), jobs by state, the Flink version. */
    public JsonNode overview() throws IOException, InterruptedException {
        return send(request("overview").GET());
    }

    /** A value of the JobManager's configuration ({@code /jobmanager/config}), if it is set. */
    public Optional<String> setting(String key) throws IOException, InterruptedException {
        for (JsonNode entry : send(request("jobmanager/config").GET())) {
            if (entry.path("key").asText().equals(key)) {
                return Optional.of(entry.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** Uploads a job jar; returns the id the cluster gave it. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "tollgate-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail));
        String file = send(request("jars/upload").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body)).path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * Runs {@code entryClass} of an uploaded jar with {@code args}: the JobManager calls its {@code main}, which
     * submits the job. Returns the job id.
     *
     * @param parallelism the job's default parallelism, or null for the cluster's
     */
    public String runJar(String jarId, String entryClass, List<String> args, Integer parallelism)
            throws IOException, InterruptedException {
        ObjectNode run = JSON.createObjectNode().put("entryClass", entryClass);
        args.forEach(run.putArray("programArgsList")::add);
        if (parallelism != null) {
            run.put("parallelism", parallelism);
        }
        return send(request("jars/" + jarId + "/run").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(run)))).path("jobid").asText();
    }

    /** Removes an uploaded jar; a job already running from it keeps running (its code is in the blob store). */
    public void deleteJar(String jarId) throws IOException, InterruptedException {
        send(request("jars/" + jarId).DELETE());
    }

    /** Every job the cluster knows, the latest started first. */
    public List<JobSummary> jobs() throws IOException, InterruptedException {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : send(request("jobs/overview").GET()).path("jobs")) {
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    Instant.ofEpochMilli(job.path("start-time").asLong()),
                    Duration.ofMillis(Math.max(0, job.path("duration").asLong()))));
        }
        jobs.sort(Comparator.comparing(JobSummary::start).reversed());
        return jobs;
    }

    /** {@code /jobs/ID}: state, vertices with their task states, timestamps. */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return send(request("jobs/" + jobId).GET());
    }

    /** Any other GET endpoint, such as {@code jobs/ID/checkpoints} or {@code jobs/ID/metrics?get=numRestarts}. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** Asks the cluster to cancel the job; it is {@code CANCELED} soon after. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(request("jobs/" + jobId + "?mode=cancel").method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Waits until the job is in one of {@code states} or has ended; returns the state it reached. */
    public String awaitState(String jobId, Set<String> states, Duration patience)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = job(jobId).path("state").asText();
            if (states.contains(state) || ENDED.contains(state)) {
                return state;
            }
            Thread.sleep(200); // polling the job's status endpoint: the loop waits for the state itself
        }
        return state;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Unreachable("the Flink cluster's REST endpoint " + base + " is not answering (" + e + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode(), r.method() + " " + r.uri().getPath() + " answered "
                    + response.statusCode() + ": " + reason(response.body()));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /**
     * Flink's own explanation: the first entry of {@code errors}, and of a failed job's main only the line that
     * says why (the deepest "Caused by"), not the whole stack trace.
     */
    static String reason(String body) {
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (IOException e) {
            return body.strip();
        }
        if (!errors.isArray() || errors.isEmpty()) {
            return body.strip();
        }
        String first = errors.get(0).asText().strip().lines().findFirst().orElse("");
        String cause = null;
        for (JsonNode error : errors) {
            for (String line : error.asText().split("\n")) {
                if (line.startsWith("Caused by: ")) {
                    cause = line.substring("Caused by: ".length()).strip();
                }
            }
        }
        return cause == null ? first : first + " Caused by: " + cause;
    }
}
