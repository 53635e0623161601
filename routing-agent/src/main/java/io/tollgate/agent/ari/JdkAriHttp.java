package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.tools.HttpParam;
import ch.loway.oss.ari4java.tools.HttpResponse;
import ch.loway.oss.ari4java.tools.HttpResponseHandler;
import ch.loway.oss.ari4java.tools.RestException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * ari4java's REST transport on the JDK's HTTP client, plugged in through {@code ARI.setHttpClient}; ari4java
 * keeps its own client for the event WebSocket. Its Netty transport allows at most three connections
 * ({@code min(3, 2 × cores)} in a fixed channel pool), so however many threads send requests, three round trips
 * are in flight at once: at 500 calls per second (about 3,000 requests) the queue grew without bound, calls
 * waited tens of seconds for their first dial, and customers' switches gave up. The JDK client keeps a
 * connection per concurrent request.
 */
public final class JdkAriHttp implements ch.loway.oss.ari4java.tools.HttpClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private final String auth;

    /** @param serverRoot the HTTP server's root, such as {@code http://127.0.0.1:8088/} (ARI is under ari/) */
    public JdkAriHttp(String serverRoot, String user, String password) {
        this.root = serverRoot.endsWith("/") ? serverRoot : serverRoot + "/";
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String httpActionSync(String path, String method, List<HttpParam> params, String body,
                                 List<HttpResponse> errors) throws RestException {
        return new String(httpActionSyncAsBytes(path, method, params, body, errors), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] httpActionSyncAsBytes(String path, String method, List<HttpParam> params, String body,
                                        List<HttpResponse> errors) throws RestException {
        try {
            java.net.http.HttpResponse<byte[]> response = http.send(request(method, path, params, body),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return answer(response, errors);
        } catch (IOException e) {
            throw new RestException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(e);
        }
    }

    @Override
    public void httpActionAsync(String path, String method, List<HttpParam> params, String body,
                                List<HttpResponse> errors, HttpResponseHandler handler, boolean binary) {
        http.sendAsync(request(method, path, params, body), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        handler.onFailure(new RestException(error));
                        return;
                    }
                    try {
                        byte[] bytes = answer(response, errors);
                        if (binary) {
                            handler.onSuccess(bytes);
                        } else {
                            handler.onSuccess(new String(bytes, StandardCharsets.UTF_8));
                        }
                    } catch (RestException e) {
                        handler.onFailure(e);
                    }
                });
    }

    /** Reads a JSON answer as it arrives. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * {@code GET path}, its answer read as it arrives instead of gathered into one array. Listing a loaded switch
     * answers megabytes (60,000 channels), and the client's pool keeps an idle connection's last response
     * reachable: after a 10-minute load test, seven listings' arrays (6.2 MB) were still held through it.
     */
    public <T> T get(String path, BodyReader<T> reader) throws RestException {
        try {
            java.net.http.HttpResponse<InputStream> response = http.send(request("GET", path, List.of(), null),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw refused(response.statusCode(), body.readAllBytes(), List.of());
                }
                return reader.read(body);
            }
        } catch (IOException e) {
            throw new RestException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(e);
        }
    }

    @Override
    public void destroy() {
        // the JDK client's connections close when it is no longer referenced
    }

    private HttpRequest request(String method, String path, List<HttpParam> params, String body) {
        StringBuilder uri = new StringBuilder(root).append("ari").append(path);
        char separator = '?';
        for (HttpParam p : params == null ? List.<HttpParam>of() : params) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            uri.append(separator).append(encode(p.getName())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(TIMEOUT)
                .header("Authorization", auth);
        if (body != null && !body.isEmpty()) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** The body of a 2xx answer; otherwise the error ARI documents for that status, as ari4java would raise it. */
    private static byte[] answer(java.net.http.HttpResponse<byte[]> response, List<HttpResponse> errors)
            throws RestException {
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw refused(response.statusCode(), response.body(), errors);
    }

    private static RestException refused(int status, byte[] body, List<HttpResponse> errors) {
        String text = new String(body, StandardCharsets.UTF_8);
        String described = errors == null ? null : errors.stream().filter(e -> e.getCode() == status)
                .map(HttpResponse::getDescription).findFirst().orElse(null);
        return new RestException(described != null ? described : "HTTP " + status + ": " + text, text, status);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
