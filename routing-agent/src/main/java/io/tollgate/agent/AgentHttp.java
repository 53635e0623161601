package io.tollgate.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The agent's HTTP face for operations: {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON, 200
 * when every check is up, 503 otherwise, so a load balancer or an orchestrator can act on the status alone).
 *
 * <p>Bound to loopback unless told otherwise: the metrics name customers and vendors.
 */
public final class AgentHttp implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(AgentHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Two threads: a slow scrape must not hold up a health probe.
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AgentMetrics metrics;
    private final Map<String, BooleanSupplier> checks;

    private AgentHttp(HttpServer server, AgentMetrics metrics, Map<String, BooleanSupplier> checks) {
        this.server = server;
        this.metrics = metrics;
        this.checks = new TreeMap<>(checks);
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> serve(exchange, this::metrics));
        server.createContext("/health", exchange -> serve(exchange, this::health));
    }

    /** Serves on loopback; port 0 picks a free one ({@link #port()}). */
    public static AgentHttp start(int port, AgentMetrics metrics, Map<String, BooleanSupplier> checks)
            throws IOException {
        return start(DEFAULT_HOST, port, metrics, checks);
    }

    /** Serves on {@code host}:{@code port}; port 0 picks a free one ({@link #port()}). */
    public static AgentHttp start(String host, int port, AgentMetrics metrics, Map<String, BooleanSupplier> checks)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(Objects.requireNonNull(host, "host"), port), 0);
        AgentHttp http = new AgentHttp(server, Objects.requireNonNull(metrics, "metrics"), checks);
        server.start();
        return http;
    }

    /** The port bound, which is the one asked for unless that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** One response: status, content type, body. */
    private record Reply(int status, String contentType, String body) {
    }

    private interface Page {
        Reply render();
    }

    private void serve(HttpExchange exchange, Page page) {
        try {
            Reply reply;
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                // a context matches every path that starts with it; /metricsfoo is not /metrics
                reply = new Reply(404, "text/plain; charset=utf-8", "not found\n");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                reply = new Reply(405, "text/plain; charset=utf-8", "only GET\n");
            } else {
                reply = page.render();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("serving {} failed: {}", exchange.getRequestURI(), e.toString());
        } finally {
            exchange.close();
        }
    }

    private Reply metrics() {
        return new Reply(200, AgentMetrics.CONTENT_TYPE, metrics.scrape());
    }

    /** {"status":"up"|"down","checks":{"name":"up"|"down",...}}; a check that throws is down. */
    private Reply health() {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode results = JSON.createObjectNode();
        boolean allUp = true;
        for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
            boolean up;
            try {
                up = check.getValue().getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warn("health check {} failed: {}", check.getKey(), e.toString());
                up = false;
            }
            results.put(check.getKey(), up ? "up" : "down");
            allUp &= up;
        }
        json.put("status", allUp ? "up" : "down");
        json.set("checks", results);
        return new Reply(allUp ? 200 : 503, "application/json", json.toString());
    }

    /** Stops serving at once; requests in progress are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
