package io.tollgate.ingest.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.io.IOException;

/**
 * Reads YAML into a tree by hand rather than with {@code readTree}, for three reasons: every key path gets the line
 * it was written on; a key written twice is an error instead of the last one silently winning; and every scalar
 * stays the text the person wrote ({@code 0.10} stays {@code 0.10}, not a double), so amounts are parsed exactly
 * and messages quote what is in the file.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final ConfigProblems problems;

    private YamlTree(JsonParser parser, ConfigProblems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document's root, or null for an empty document; syntax errors are thrown, as nothing after them is known. */
    static JsonNode read(String yaml, ConfigProblems problems) throws BadInputException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return new YamlTree(parser, problems).value("");
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(new InputProblem(problems.source(), Math.max(line, 0), "",
                    "is not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(problems.source(), 0, "", "cannot be read: " + e.getMessage()));
        }
    }

    private JsonNode value(String path) throws IOException {
        problems.locate(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return mapping(path);
        }
        if (token == JsonToken.START_ARRAY) {
            return list(path);
        }
        return token == JsonToken.VALUE_NULL ? NullNode.getInstance() : TextNode.valueOf(parser.getText());
    }

    private ObjectNode mapping(String path) throws IOException {
        ObjectNode mapping = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = KeyPath.key(path, key);
            boolean repeated = mapping.has(key);
            if (repeated) {
                problems.add(keyPath, "written twice (line " + parser.currentTokenLocation().getLineNr() + " repeats it)");
            }
            problems.locate(keyPath, parser.currentTokenLocation().getLineNr());
            parser.nextToken();
            JsonNode value = value(keyPath);
            if (!repeated) {
                mapping.set(key, value);
            }
        }
        return mapping;
    }

    private ArrayNode list(String path) throws IOException {
        ArrayNode list = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(KeyPath.item(path, list.size())));
        }
        return list;
    }
}
