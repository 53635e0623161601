package io.tollgate.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.money.FxRates;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;

/**
 * Reads {@code tollgate.yaml} section by section. A later issue adds its section by moving its name from
 * {@link TollgateConfig#LATER_SECTIONS} to {@link TollgateConfig#SECTIONS}, writing a reader like
 * {@link VendorReader} and a field on {@link TollgateConfig}.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static TollgateConfig read(Path file, Map<String, String> env) throws BadInputException {
        String source = file.toString();
        ConfigProblems problems = new ConfigProblems(source);
        JsonNode root = YamlTree.read(text(file, source), problems);
        ConfigNode top = ConfigNode.root(root, problems);
        checkSections(root, problems);

        Path dir = file.toAbsolutePath().getParent();
        Claims endpoints = new Claims();
        List<Customer> customers = new CustomerReader(dir, endpoints).readAll(top.get("customers"));
        List<Vendor> vendors = new VendorReader(dir, endpoints).readAll(top.get("vendors"));
        ServiceAddresses services = new ServicesReader(new EnvironmentOverrides(env), dir).read(top.get("services"));
        TopicSettings topics = new TopicsReader().read(top.get("topics"));
        FxRates fxRates = new FxRatesReader().read(top.get("fx_rates"));
        FraudRuleSet fraud = new FraudReader(dir).read(top.get("fraud"));
        InvoiceSettings invoices = new InvoicesReader(dir).read(top.get("invoices"));
        List<ScheduledExport> exports = new ExportsReader(dir, customers, vendors).read(top.get("exports"));
        ConsoleConfig console = new ConsoleReader(env, dir).read(top.get("console"));
        problems.throwIfAny();
        return new TollgateConfig(file, customers, vendors, services, topics, fxRates, fraud, invoices,
                exports, console);
    }

    /** Unknown top-level keys are typos, except the sections later issues own, which are left for them to read. */
    private static void checkSections(JsonNode root, ConfigProblems problems) {
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            problems.add("", "must be a mapping of sections: " + String.join(", ", TollgateConfig.SECTIONS));
            return;
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!TollgateConfig.SECTIONS.contains(key) && !TollgateConfig.LATER_SECTIONS.contains(key)) {
                unknown.add(key);
            }
        });
        for (String key : unknown) {
            problems.add(key, "unknown section (known: " + String.join(", ", TollgateConfig.SECTIONS)
                    + (TollgateConfig.LATER_SECTIONS.isEmpty() ? "" : "; read by later releases: "
                    + String.join(", ", TollgateConfig.LATER_SECTIONS)) + ")");
        }
    }

    private static String text(Path file, String source) throws BadInputException {
        try {
            // strictly UTF-8: a file in another encoding is refused, not mangled into wrong names
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputProblem(source, 0, "", "no such file"));
        } catch (CharacterCodingException e) {
            throw new BadInputException(new InputProblem(source, 0, "", "is not UTF-8"));
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(source, 0, "", "cannot be read: " + e.getMessage()));
        }
    }
}
