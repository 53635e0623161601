package io.tollgate.sim;

/** The answer to one ARI request: status and JSON body (empty for 204). */
record AriResponse(int status, String body) {
    static final AriResponse NO_CONTENT = new AriResponse(204, "");

    static AriResponse ok(String body) {
        return new AriResponse(200, body);
    }

    /** ARI's errors carry {@code {"message": ...}}. */
    static AriResponse error(int status, String message) {
        return new AriResponse(status, Json.message(message));
    }

    /** What Asterisk answers when a channel cannot be requested (an unknown endpoint, among others). */
    static AriResponse allocationFailed() {
        return new AriResponse(500, "{\"error\":\"Allocation failed\"}");
    }
}
