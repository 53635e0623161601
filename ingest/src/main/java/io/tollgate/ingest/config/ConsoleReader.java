package io.tollgate.ingest.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code console:}: {@code listen: HOST:PORT} and {@code tokens: [{name, role, token_env | token_file}]}.
 * A token value in the file itself ({@code token:}) is refused without echoing it; a variable that is not set, an
 * empty or missing file, two tokens with the same name or the same value are problems of the key that names them.
 */
final class ConsoleReader {
    private static final Set<String> KEYS = Set.of("listen", "tokens");
    private static final Set<String> TOKEN_KEYS = Set.of("name", "role", "token", "token_env", "token_file");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Shorter tokens can be guessed; {@code openssl rand -hex 16} gives 32 characters. */
    static final int MIN_TOKEN_LENGTH = 16;
    static final ValueFormat<String[]> LISTEN = new ValueFormat<>("HOST:PORT with a port from 0 to 65535, like"
            + " 127.0.0.1:8090", text -> {
                String s = text.strip();
                int colon = s.lastIndexOf(':');
                String host = s.substring(0, colon);
                int port = Integer.parseInt(s.substring(colon + 1));
                if (host.isBlank() || port < 0 || port > 65535 || !host.matches("[A-Za-z0-9.-]+")) {
                    throw new IllegalArgumentException();
                }
                return new String[] {host, Integer.toString(port)};
            });

    private final Map<String, String> env;
    private final Path dir;

    ConsoleReader(Map<String, String> env, Path dir) {
        this.env = env;
        this.dir = dir;
    }

    ConsoleConfig read(ConfigNode node) {
        if (!node.mapping(KEYS, false)) {
            return ConsoleConfig.none();
        }
        String[] listen = node.get("listen").optional(LISTEN,
                new String[] {ConsoleConfig.DEFAULT_HOST, Integer.toString(ConsoleConfig.DEFAULT_PORT)});
        Set<String> names = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        List<ConsoleConfig.Token> tokens = node.get("tokens").each(item -> token(item, names, values));
        return listen == null ? ConsoleConfig.none()
                : new ConsoleConfig(listen[0], Integer.parseInt(listen[1]), tokens);
    }

    private ConsoleConfig.Token token(ConfigNode node, Set<String> names, Map<String, String> values) {
        if (!node.mapping(TOKEN_KEYS, true)) {
            return null;
        }
        int before = node.problems().count();
        String name = node.get("name").required(ValueFormat.ID_FORMAT);
        if (name != null && !names.add(name)) {
            node.get("name").problem("another token is named '" + name + "': the audit log tells callers apart by it");
        }
        String role = node.get("role").required(ValueFormat.oneOf(ConsoleConfig.ROLES));
        if (node.get("token").isPresent()) {
            node.get("token").problem("tokens never live in this file: give token_env (a variable holding it) or"
                    + " token_file");
        }
        ConfigNode envNode = node.get("token_env");
        ConfigNode fileNode = node.get("token_file");
        Secret value = null;
        if (envNode.isPresent() == fileNode.isPresent()) {
            if (!node.get("token").isPresent()) {
                node.problem("give either token_env (the variable holding the token) or token_file, not "
                        + (envNode.isPresent() ? "both" : "neither"));
            }
        } else if (envNode.isPresent()) {
            value = fromEnv(envNode);
        } else {
            value = fromFile(fileNode);
        }
        if (value != null) {
            if (value.reveal().length() < MIN_TOKEN_LENGTH) {
                (envNode.isPresent() ? envNode : fileNode).problem("the token from " + value.origin() + " is shorter"
                        + " than " + MIN_TOKEN_LENGTH + " characters (openssl rand -hex 16 makes a good one)");
            } else if (values.containsKey(value.reveal())) {
                (envNode.isPresent() ? envNode : fileNode).problem("the token from " + value.origin()
                        + " is also token '" + values.get(value.reveal()) + "': a token must say who calls");
            } else {
                values.put(value.reveal(), name);
            }
        }
        return node.problems().count() > before ? null : new ConsoleConfig.Token(name, role, value);
    }

    private Secret fromEnv(ConfigNode node) {
        String variable = node.required(ValueFormat.TEXT);
        if (variable == null) {
            return null;
        }
        if (!VARIABLE.matcher(variable).matches()) {
            node.problem("must be the name of an environment variable, like TOLLGATE_TOKEN_TRADER");
            return null;
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            node.problem("the environment variable $" + variable + " is not set");
            return null;
        }
        return Secret.of(value.strip(), "$" + variable);
    }

    private Secret fromFile(ConfigNode node) {
        String fileName = node.required(ValueFormat.TEXT);
        if (fileName == null) {
            return null;
        }
        try {
            Path file = dir.resolve(fileName);
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                node.problem("the token file " + file + " is empty");
                return null;
            }
            return Secret.of(value, "file " + file);
        } catch (NoSuchFileException e) {
            node.problem("no such token file: " + dir.resolve(fileName));
        } catch (IOException | InvalidPathException e) {
            node.problem("cannot read the token file: " + e.getMessage());
        }
        return null;
    }
}
