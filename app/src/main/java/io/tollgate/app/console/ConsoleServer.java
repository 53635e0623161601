package io.tollgate.app.console;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's HTTP server. Sections register their endpoints on it ({@link Api}); every endpoint but the public
 * ones checks the caller's {@code Authorization: Bearer} token and role before its handler runs. Errors answer JSON:
 * 400 {@code {"error", "field"}} for {@link BadRequest}, 401/403 saying why, 404 for unknown routes and
 * {@link NotFound}, 500 with a generic message (the details go to the log, never to the client).
 */
public final class ConsoleServer implements Api, AutoCloseable {
    /** The OpenAPI document, served without a token. */
    public static final String OPENAPI_PATH = "/api/openapi.yaml";
    static final String DASHBOARD = "/io/tollgate/app/console/dashboard";
    static final String OPENAPI_RESOURCE = "/io/tollgate/app/console/openapi.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String CALLER = "tollgate.console.caller";
    private static final String ROUTE = "tollgate.console.route";
    private static final String ANSWERED = "tollgate.console.answered";

    /** One endpoint; {@code roles} null for a public one. */
    record Route(String method, String path, Set<Role> roles, Handler handler) {
        String key() {
            return method + " " + path;
        }
    }

    private final ConsoleSettings settings;
    private final ConsoleSettings.Tokens tokens;
    private final AuditLog audit;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Javalin app;

    public ConsoleServer(ConsoleSettings settings, AuditLog audit, List<ApiSection> sections) {
        this.settings = settings;
        this.tokens = settings.tokens();
        this.audit = audit;
        publicGet(OPENAPI_PATH, ctx -> ctx.contentType("application/yaml; charset=utf-8").result(openApi()));
        sections.forEach(s -> s.register(this));
    }

    /** Starts listening; returns the bound port (the chosen one when the settings say 0). */
    public int start() {
        app = Javalin.create(cfg -> {
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // the dashboard: static files, no data in them (everything it shows comes from the API, with a token)
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DASHBOARD;
                files.location = Location.CLASSPATH;
            });
            for (Route r : routes.values()) {
                if (r.method().equals("GET")) {
                    cfg.routes.get(r.path(), guarded(r));
                } else {
                    cfg.routes.post(r.path(), guarded(r));
                }
            }
            cfg.routes.exception(Exception.class, this::failed);
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(ANSWERED) == null) {
                    answer(ctx, 404, Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            cfg.routes.after(this::count);
        });
        app.start();
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        registry.close();
    }

    @Override
    public void get(String path, Set<Role> roles, Handler handler) {
        add(new Route("GET", path, EnumSet.copyOf(requireRoles(path, roles)), handler));
    }

    @Override
    public void post(String path, Set<Role> roles, Handler handler) {
        add(new Route("POST", path, EnumSet.copyOf(requireRoles(path, roles)), handler));
    }

    @Override
    public void publicGet(String path, Handler handler) {
        add(new Route("GET", path, null, handler));
    }

    @Override
    public Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller: " + ctx.path() + " is a public endpoint");
        }
        return caller;
    }

    @Override
    public void audit(Context ctx, String action, String subjectType, String subjectId, Map<String, ?> details) {
        try {
            audit.record(caller(ctx).name(), action, subjectType, subjectId, details);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit log: " + e.getMessage(), e);
        }
    }

    @Override
    public String metrics() {
        return registry.scrape();
    }

    /** Every registered endpoint as {@code METHOD /path}, in registration order. */
    public List<String> routes() {
        return List.copyOf(routes.keySet());
    }

    /** Who holds {@code header}'s bearer token, if anyone. */
    Optional<Caller> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.caller(header.substring(7).strip());
    }

    /** Why {@code caller} may not use {@code route}, or null when it may. */
    static String refusal(Route route, Caller caller) {
        if (caller.role() == Role.ADMIN || route.roles().contains(caller.role())) {
            return null;
        }
        Set<Role> allowed = EnumSet.copyOf(route.roles());
        allowed.add(Role.ADMIN);
        return route.key() + " needs role " + allowed.stream().map(Role::label).collect(Collectors.joining(" or "))
                + "; your token '" + caller.name() + "' is " + caller.role().label();
    }

    private void add(Route route) {
        if (routes.putIfAbsent(route.key(), route) != null) {
            throw new IllegalArgumentException(route.key() + " is registered twice");
        }
    }

    private static Set<Role> requireRoles(String path, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException(path + ": name the roles it is open to (publicGet for none)");
        }
        return roles;
    }

    private Handler guarded(Route route) {
        return ctx -> {
            ctx.attribute(ROUTE, route.path());
            if (route.roles() != null) {
                String header = ctx.header("Authorization");
                Optional<Caller> caller = authenticate(header);
                if (caller.isEmpty()) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    answer(ctx, 401, Map.of("error", header == null
                            ? "this endpoint needs a token: send 'Authorization: Bearer <token>'"
                            : "unknown token: send 'Authorization: Bearer <token>' with a token of the configuration"));
                    return;
                }
                String refused = refusal(route, caller.get());
                if (refused != null) {
                    answer(ctx, 403, Map.of("error", refused));
                    return;
                }
                ctx.attribute(CALLER, caller.get());
            }
            route.handler().handle(ctx);
        };
    }

    private void failed(Exception e, Context ctx) {
        if (e instanceof BadRequest bad) {
            answer(ctx, 400, Map.of("error", bad.field() + ": " + bad.getMessage(), "field", bad.field()));
        } else if (e instanceof NotFound missing) {
            answer(ctx, 404, Map.of("error", missing.getMessage()));
        } else if (e instanceof HttpResponseException http) {
            answer(ctx, http.getStatus(), Map.of("error", http.getMessage()));
        } else {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, Map.of("error", "internal error; the server's log has the details"));
        }
    }

    private static void answer(Context ctx, int status, Map<String, ?> body) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).json(body);
    }

    private void count(Context ctx) {
        String route = ctx.attribute(ROUTE);
        Counter.builder("tollgate.console.requests").description("console HTTP requests answered")
                .tag("method", ctx.method().name()).tag("route", route == null ? "unmatched" : route)
                .tag("status", Integer.toString(ctx.status().getCode())).register(registry).increment();
    }

    private static byte[] openApi() {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
