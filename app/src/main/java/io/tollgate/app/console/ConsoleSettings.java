package io.tollgate.app.console;

import io.tollgate.ingest.config.ConsoleConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the console listens and who may call it.
 *
 * @param host           the address to bind (127.0.0.1 keeps it on this machine)
 * @param port           0 for any free port
 * @param tokensByValue  each accepted token's value and who holds it; only SHA-256 hashes of the values are kept
 */
public record ConsoleSettings(String host, int port, Map<String, Caller> tokensByValue) {
    public ConsoleSettings {
        host = host == null ? ConsoleConfig.DEFAULT_HOST : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        tokensByValue = Map.copyOf(tokensByValue);
    }

    /** The configuration's console section, with its tokens' roles. */
    public static ConsoleSettings of(ConsoleConfig config) {
        Map<String, Caller> tokens = new LinkedHashMap<>();
        for (ConsoleConfig.Token t : config.tokens()) {
            tokens.put(t.value().reveal(), new Caller(t.name(), Role.of(t.role())));
        }
        return new ConsoleSettings(config.host(), config.port(), tokens);
    }

    public ConsoleSettings withListen(String host, int port) {
        return new ConsoleSettings(host, port, tokensByValue);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "ConsoleSettings[" + host + ":" + port + ", " + tokensByValue.size() + " tokens]";
    }

    /** Checks presented tokens against these settings' tokens. */
    Tokens tokens() {
        return new Tokens(tokensByValue);
    }

    /**
     * The accepted tokens as SHA-256 hashes. A presented token is hashed and compared with every hash in constant
     * time, so neither the comparison nor which entry matched tells an attacker how close a guess was.
     */
    static final class Tokens {
        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Caller> callers = new ArrayList<>();

        Tokens(Map<String, Caller> byValue) {
            byValue.forEach((value, caller) -> {
                hashes.add(sha256(value));
                callers.add(caller);
            });
        }

        /** Who holds {@code presented}, or empty for no or an unknown token. */
        Optional<Caller> caller(String presented) {
            if (presented == null || presented.isEmpty()) {
                return Optional.empty();
            }
            byte[] hash = sha256(presented);
            Caller found = null;
            for (int i = 0; i < hashes.size(); i++) {
                if (MessageDigest.isEqual(hash, hashes.get(i))) {
                    found = callers.get(i);
                }
            }
            return Optional.ofNullable(found);
        }

        private static byte[] sha256(String value) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
