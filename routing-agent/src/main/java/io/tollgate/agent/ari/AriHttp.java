package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.tools.HttpParam;
import ch.loway.oss.ari4java.tools.HttpResponse;
import ch.loway.oss.ari4java.tools.HttpResponseHandler;
import ch.loway.oss.ari4java.tools.RestException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ari4java's REST transport, plugged in through {@code ARI.setHttpClient}; ari4java keeps its own client for the
 * event WebSocket. Its Netty transport allows at most three connections ({@code min(3, 2 × cores)} in a fixed
 * channel pool), so however many threads send requests, three round trips are in flight at once: at 500 calls per
 * second (about 3,000 requests) the queue grew without bound and customers' switches gave up.
 *
 * <p>Blocking requests on pooled keep-alive connections (Apache HttpClient's classic API), one per request
 * thread: the request is written and its answer read on the thread that asked. The JDK's client, used before,
 * handed every exchange between the caller, its selector thread and its worker pool, and at 200 calls per second
 * took 45 % of the agent's CPU (per-thread CPU of a load test, 2026-11-27).
 *
 * <p>No request is ever sent twice by the transport: creating a channel or a bridge is not idempotent, and call
 * control retries what may be retried. Connections idle for over a second are checked before reuse (Asterisk
 * closes a connection idle for 15 s).
 */
public final class AriHttp implements ch.loway.oss.ari4java.tools.HttpClient {
    private static final Timeout TIMEOUT = Timeout.ofSeconds(30);
    private static final int CONNECTIONS = 64;
    private static final int BUFFER = 4096;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                    // ARI's answers are a few hundred bytes; each pooled connection keeps two buffers for good
                    .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                            .http1Config(Http1Config.custom().setBufferSize(BUFFER).build()).build())
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(TIMEOUT).setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(TIMEOUT)
                    .setConnectionRequestTimeout(TIMEOUT).build())
            .evictIdleConnections(TimeValue.ofSeconds(10))
            .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
            .disableContentCompression().disableAuthCaching()
            .build();
    private final String root;
    private final String auth;

    /** @param serverRoot the HTTP server's root, such as {@code http://127.0.0.1:8088/} (ARI is under ari/) */
    public AriHttp(String serverRoot, String user, String password) {
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
        return send(method, path, params, body, errors, InputStream::readAllBytes);
    }

    /** Nothing of the agent's uses it; ari4java's asynchronous actions get the synchronous request on another thread. */
    @Override
    public void httpActionAsync(String path, String method, List<HttpParam> params, String body,
                                List<HttpResponse> errors, HttpResponseHandler handler, boolean binary) {
        CompletableFuture.runAsync(() -> {
            try {
                byte[] bytes = httpActionSyncAsBytes(path, method, params, body, errors);
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
     * {@code GET path}, its answer read as it arrives instead of gathered into one array: listing a loaded switch
     * answers megabytes (60,000 channels).
     */
    public <T> T get(String path, BodyReader<T> reader) throws RestException {
        return send("GET", path, List.of(), null, List.of(), reader);
    }

    @Override
    public void destroy() {
        http.close(CloseMode.GRACEFUL);
    }

    private <T> T send(String method, String path, List<HttpParam> params, String body, List<HttpResponse> errors,
                       BodyReader<T> reader) throws RestException {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(uri(path, params))
                .addHeader("Authorization", auth);
        if (body != null && !body.isEmpty()) {
            request.setEntity(body, ContentType.APPLICATION_JSON);
        }
        HttpClientResponseHandler<T> answer = response -> {
            try (InputStream in = content(response)) {
                if (response.getCode() / 100 != 2) {
                    throw new Refused(refused(response.getCode(), in.readAllBytes(), errors));
                }
                return reader.read(in);
            }
        };
        try {
            return http.execute(request.build(), answer);
        } catch (Refused e) {
            throw e.refusal;
        } catch (IOException e) {
            throw new RestException(e);
        }
    }

    private static InputStream content(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    private String uri(String path, List<HttpParam> params) {
        StringBuilder uri = new StringBuilder(root).append("ari").append(path);
        char separator = '?';
        for (HttpParam p : params == null ? List.<HttpParam>of() : params) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            uri.append(separator).append(encode(p.getName())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        return uri.toString();
    }

    /** The error ARI documents for that status, as ari4java would raise it. */
    private static RestException refused(int status, byte[] body, List<HttpResponse> errors) {
        String text = new String(body, StandardCharsets.UTF_8);
        String described = errors == null ? null : errors.stream().filter(e -> e.getCode() == status)
                .map(HttpResponse::getDescription).findFirst().orElse(null);
        return new RestException(described != null ? described : "HTTP " + status + ": " + text, text, status);
    }

    /** A path segment or query value, spaces as %20. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Carries a refusal out of the response handler, which may throw only I/O errors. */
    private static final class Refused extends IOException {
        final RestException refusal;

        Refused(RestException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
