package io.tollgate.app;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd PID GC.class_histogram} prints them (after a full GC), so a load
 * test can say which classes the heap grew by instead of only how much.
 */
record HeapHistogram(Map<String, Usage> byClass) {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Instances of one class and the bytes they take. */
    record Usage(long instances, long bytes) {
    }

    /** One class's growth from one histogram to another. */
    record Growth(String className, long instances, long bytes) {
    }

    static HeapHistogram parse(String jcmdOutput) {
        Map<String, Usage> byClass = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                byClass.merge(m.group(3), new Usage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        (a, b) -> new Usage(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return new HeapHistogram(Map.copyOf(byClass));
    }

    long bytes() {
        return byClass.values().stream().mapToLong(Usage::bytes).sum();
    }

    /** The {@code n} classes that grew most in bytes since {@code before}, largest first. */
    List<Growth> grownSince(HeapHistogram before, int n) {
        return byClass.entrySet().stream()
                .map(e -> {
                    Usage then = before.byClass().getOrDefault(e.getKey(), new Usage(0, 0));
                    return new Growth(e.getKey(), e.getValue().instances() - then.instances(),
                            e.getValue().bytes() - then.bytes());
                })
                .filter(g -> g.bytes() > 0)
                .sorted(Comparator.comparingLong(Growth::bytes).reversed())
                .limit(n)
                .toList();
    }
}
