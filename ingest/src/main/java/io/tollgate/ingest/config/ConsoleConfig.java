package io.tollgate.ingest.config;

import java.util.List;

/**
 * The {@code console:} section: where {@code tollgate serve} listens for the console's HTTP API and the tokens it
 * accepts. Token values never live in the file: each comes from an environment variable or a file it names.
 *
 * @param host   the address to bind; 127.0.0.1 unless the file says otherwise
 * @param tokens the API tokens; none when the section is absent (serve then starts no console)
 */
public record ConsoleConfig(String host, int port, List<Token> tokens) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    /** The roles a token may have, as the file spells them. */
    public static final List<String> ROLES = List.of("trader", "finance", "fraud", "admin");

    public ConsoleConfig {
        tokens = List.copyOf(tokens);
    }

    public static ConsoleConfig none() {
        return new ConsoleConfig(DEFAULT_HOST, DEFAULT_PORT, List.of());
    }

    /**
     * One API token.
     *
     * @param name  who holds it: the audit log's actor
     * @param role  one of {@link #ROLES}
     * @param value the token itself; prints masked
     */
    public record Token(String name, String role, Secret value) {
        @Override
        public String toString() {
            return name + " (" + role + ", " + value + ")";
        }
    }
}
