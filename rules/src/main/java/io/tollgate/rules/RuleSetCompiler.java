package io.tollgate.rules;

import io.tollgate.core.fraud.Severity;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles DRL with the executable model and reads each rule's metadata into a {@link RuleInfo}. */
final class RuleSetCompiler {
    // A KieModule is looked up by ReleaseId in a JVM-wide repository: each rule set needs its own, or a second
    // compile in the same JVM would silently get the first one's rules.
    private static final AtomicLong COMPILED = new AtomicLong();
    private static final String PATH = "src/main/resources/io/tollgate/rules/rule-set.drl";

    record Compiled(KieBase kieBase, Map<String, RuleInfo> rulesByTitle) {
    }

    private RuleSetCompiler() {
    }

    static Compiled compile(String drl, String source) throws RuleSetException {
        KieServices kie = KieServices.get();
        ReleaseId releaseId = kie.newReleaseId("io.tollgate.rules.compiled", "rule-set-" + COMPILED.incrementAndGet(),
                "1.0.0");
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(releaseId).write(PATH, drl);
        // The executable model, never the MVEL-compiled default: Drools 10.2.0's MVEL constraints crash on
        // startsWith-style operators (shared/notes/dependencies.md), and the executable model evaluates faster.
        KieBuilder builder = kie.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<String> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(m -> source + line(m, drl) + ": " + firstLine(m.getText()))
                .toList();
        if (!errors.isEmpty()) {
            throw new RuleSetException(source, errors);
        }
        KieBase kieBase = kie.newKieContainer(releaseId).getKieBase();
        // The KieBase is all we keep; left in the repository, every recompile (config reloads) would leak a module.
        kie.getRepository().removeKieModule(releaseId);
        return new Compiled(kieBase, rulesOf(kieBase, lines(drl), source));
    }

    private static Map<String, RuleInfo> rulesOf(KieBase kieBase, Map<String, Integer> lines, String source)
            throws RuleSetException {
        List<String> problems = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            rules.addAll(pkg.getRules());
        }
        // Checklist order, as the DRL lists the rules.
        rules.sort(Comparator.comparing((Rule r) -> lines.getOrDefault(r.getName(), Integer.MAX_VALUE))
                .thenComparing(Rule::getName));
        Map<String, RuleInfo> byTitle = new LinkedHashMap<>();
        Map<String, String> titleById = new HashMap<>();
        for (Rule rule : rules) {
            String where = source + ":" + lines.getOrDefault(rule.getName(), 0) + ": rule \"" + rule.getName() + "\"";
            String id = text(rule, "id");
            Severity severity = parse(Severity.class, rule, "severity", where, problems);
            BlockScope block = parse(BlockScope.class, rule, "block", where, problems);
            if (id == null || id.isBlank()) {
                problems.add(where + " has no @id");
            } else if (titleById.putIfAbsent(id, rule.getName()) != null) {
                problems.add(where + " has @id(" + id + "), already used by rule \"" + titleById.get(id) + "\"");
            }
            if (id != null && severity != null && block != null) {
                byTitle.put(rule.getName(),
                        new RuleInfo(id, rule.getName(), severity, block, DefaultThresholds.namesOf(id)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(source, problems);
        }
        return byTitle;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Rule rule, String key, String where,
                                               List<String> problems) {
        String value = text(rule, key);
        if (value == null) {
            problems.add(where + " has no @" + key);
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            problems.add(where + " has @" + key + "(" + value + "); it must be one of "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    // The executable model reports errors in constraints without a line ("Unable to parse left part of expression:
    // noSuchProperty >= 1"); the expression it quotes is found in the DRL instead.
    private static String line(Message message, String drl) { // ":8", or "" when nowhere to be found
        if (message.getLine() > 0) {
            return ":" + message.getLine();
        }
        String text = message.getText().strip();
        int colon = text.lastIndexOf(": ");
        if (colon >= 0 && text.indexOf('\n') < 0) {
            String[] words = text.substring(colon + 2).strip().split("\\s+");
            if (words.length > 0 && !words[0].isEmpty()) {
                StringBuilder pattern = new StringBuilder();
                for (String word : words) {
                    pattern.append(pattern.length() == 0 ? "" : "\\s+").append(Pattern.quote(word));
                }
                Matcher found = Pattern.compile(pattern.toString()).matcher(drl);
                if (found.find()) {
                    return ":" + (drl.substring(0, found.start()).chars().filter(c -> c == '\n').count() + 1);
                }
            }
        }
        return "";
    }

    // Errors in generated Java come with the whole generated source; its first line says what is wrong.
    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip() + " […]";
    }

    // Metadata keeps the quotes of @id("irsf") in some Drools builds and drops them in others.
    private static String text(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    // The KieBase does not know where a rule was written; the parser does. Only for messages and listing order.
    private static Map<String, Integer> lines(String drl) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            PackageDescr parsed = new DrlParser().parse(false, drl);
            if (parsed != null) {
                for (RuleDescr rule : parsed.getRules()) {
                    lines.put(rule.getName(), rule.getLine());
                }
            }
        } catch (Exception e) {
            // it compiled, so this does not happen; without lines the messages just say line 0
        }
        return lines;
    }
}
