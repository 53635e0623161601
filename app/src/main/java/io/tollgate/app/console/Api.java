package io.tollgate.app.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Map;
import java.util.Set;

/**
 * How sections declare endpoints. The server checks every request's token before any handler runs: no or an unknown
 * token is 401, a role not in {@code roles} (admin is always allowed) is 403, each with a JSON body saying why.
 * A handler throwing {@link BadRequest} answers 400 naming the field.
 */
public interface Api {
    void get(String path, Set<Role> roles, Handler handler);

    void post(String path, Set<Role> roles, Handler handler);

    /** An endpoint open to anyone, without a token: health checks and the API's own description only. */
    void publicGet(String path, Handler handler);

    /** The console's own metrics in the Prometheus text format. */
    default String metrics() {
        return "";
    }

    /** The caller of a request that passed the check. */
    Caller caller(Context ctx);

    /** Records a state change in ClickHouse's audit_log: who (the token's name), what, on which subject, when. */
    void audit(Context ctx, String action, String subjectType, String subjectId, Map<String, ?> details);
}
