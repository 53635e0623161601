package io.tollgate.core.fraud;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.numbers.PrefixTrie;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The destinations where international revenue share fraud terminates: premium and satellite ranges, small
 * island networks with high termination rates. Fraud teams keep such a list as CSV
 * ({@code prefix,destination}), refreshed from their carriers' and the GSMA's bulletins.
 */
public final class HighRiskPrefixes implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,15}");

    private final TreeMap<String, String> destinations;
    private transient PrefixTrie<String> trie;

    public HighRiskPrefixes(Map<String, String> destinations) {
        this.destinations = new TreeMap<>(destinations);
        destinations.keySet().forEach(prefix -> {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("a high-risk prefix is 1 to 15 digits, got '" + prefix + "'");
            }
        });
    }

    public static final HighRiskPrefixes NONE = new HighRiskPrefixes(Map.of());

    /** Reads {@code prefix,destination}; every bad row is reported with its line, and none is half-read. */
    public static HighRiskPrefixes read(Reader csv, String source) throws IOException, BadInputException {
        Map<String, String> destinations = new TreeMap<>();
        List<InputProblem> problems = new ArrayList<>();
        try (CsvInput in = CsvInput.open(csv, source, List.of("prefix"), Set.of("prefix", "destination"))) {
            for (CsvRecord row = in.next(); row != null; row = in.next()) {
                problems.addAll(row.shapeProblems());
                String prefix = row.required("prefix", problems);
                if (prefix == null) {
                    continue;
                }
                String digits = prefix.startsWith("+") ? prefix.substring(1) : prefix;
                if (!PREFIX.matcher(digits).matches()) {
                    problems.add(row.problem("prefix", "must be 1 to 15 digits, got '" + prefix + "'"));
                } else if (destinations.putIfAbsent(digits, row.has("destination") ? row.get("destination") : "")
                        != null) {
                    problems.add(row.problem("prefix", "prefix " + digits + " is listed twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new HighRiskPrefixes(destinations);
    }

    /** The longest listed prefix of {@code number} (E.164 digits), or null when it is not high-risk. */
    public String match(String number) {
        if (trie == null) {
            PrefixTrie<String> built = new PrefixTrie<>();
            destinations.keySet().forEach(p -> built.put(p, p, (a, b) -> a));
            trie = built;
        }
        return trie.longestMatch(number);
    }

    /** The destination's name, or an empty string. */
    public String destination(String prefix) {
        return destinations.getOrDefault(prefix, "");
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(destinations);
    }
}
