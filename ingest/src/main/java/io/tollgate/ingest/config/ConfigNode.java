package io.tollgate.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;

/**
 * One place in the configuration tree, named by its key path; reading it reports what is wrong there instead of
 * throwing, so the whole file is checked in one pass. A node may be absent (the key is missing or empty): reading an
 * absent node as required reports {@code required}; reading it as optional gives the default.
 */
final class ConfigNode {
    private final String path;
    private final JsonNode node;
    private final ConfigProblems problems;

    private ConfigNode(String path, JsonNode node, ConfigProblems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    static ConfigNode root(JsonNode node, ConfigProblems problems) {
        return new ConfigNode("", node, problems);
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    boolean isScalar() {
        return isPresent() && node.isValueNode();
    }

    ConfigNode get(String key) {
        JsonNode child = node != null && node.isObject() ? node.get(key) : null;
        return new ConfigNode(KeyPath.key(path, key), child, problems);
    }

    void problem(String message) {
        problems.add(path, message);
    }

    ConfigProblems problems() {
        return problems;
    }

    /**
     * True when this is a mapping; every key not in {@code known} is reported (typos would otherwise be silently
     * ignored, and a misspelt {@code credit} would mean no credit limit).
     */
    boolean mapping(Set<String> known, boolean required) {
        if (!isPresent()) {
            if (required) {
                problem("required");
            }
            return false;
        }
        if (!node.isObject()) {
            problem("must be a mapping of key: value, got " + describe());
            return false;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(KeyPath.key(path, key), "unknown key (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        });
        return true;
    }

    /** The keys of a mapping whose keys are names (rule ids, customer ids); absent is none, a non-mapping reported. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (isPresent() && node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        } else if (isPresent()) {
            problem("must be a mapping of key: value, got " + describe());
        }
        return keys;
    }

    /** The items of a list; absent is an empty list, and required reports it. */
    List<ConfigNode> list(boolean required) {
        List<ConfigNode> items = new ArrayList<>();
        if (!isPresent()) {
            if (required) {
                problem("required");
            }
        } else if (!node.isArray()) {
            problem("must be a list, got " + describe());
        } else {
            for (int i = 0; i < node.size(); i++) {
                items.add(new ConfigNode(KeyPath.item(path, i), node.get(i), problems));
            }
            if (required && items.isEmpty()) {
                problem("must list at least one");
            }
        }
        return items;
    }

    /** Each item of an optional list read by {@code reader}; items it reported (null) are left out. */
    <T> List<T> each(Function<ConfigNode, T> reader) {
        List<T> read = new ArrayList<>();
        for (ConfigNode item : list(false)) {
            T value = reader.apply(item);
            if (value != null) {
                read.add(value);
            }
        }
        return read;
    }

    /** The value, or null after reporting why there is none. */
    <T> T required(ValueFormat<T> format) {
        if (!isPresent()) {
            problem("required");
            return null;
        }
        return parse(format);
    }

    /** The value, or {@code fallback} when absent; null after reporting a bad value. */
    <T> T optional(ValueFormat<T> format, T fallback) {
        return isPresent() ? parse(format) : fallback;
    }

    private <T> T parse(ValueFormat<T> format) {
        if (!node.isValueNode()) {
            problem("must be a single value, got a " + (node.isArray() ? "list" : "mapping"));
            return null;
        }
        ValueFormat.Parsed<T> parsed = format.parse(node.asText());
        if (parsed.problem() != null) {
            problem(parsed.problem());
        }
        return parsed.value();
    }

    private String describe() {
        return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "'" + node.asText() + "'";
    }
}
