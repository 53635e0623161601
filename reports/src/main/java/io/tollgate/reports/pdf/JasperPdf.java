package io.tollgate.reports.pdf;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a JRXML template from the class path to PDF. A template is compiled once per process (compiling costs
 * far more than filling), and the compiled report is shared by every thread: Jasper fills are thread-safe on it.
 * Fonts come from jasperreports-fonts (DejaVu, embedded in the PDF), so output does not depend on system fonts.
 */
public final class JasperPdf {
    private static final Map<String, JasperReport> COMPILED = new ConcurrentHashMap<>();

    static {
        // Jasper measures text with AWT; a server that happens to have DISPLAY set must not try to reach it
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private JasperPdf() {
    }

    /**
     * @param template a class-path resource, e.g. {@code /io/tollgate/reports/invoice/invoice.jrxml}
     * @param rows     the detail band's rows, each a map from field name to value
     */
    public static void render(String template, Map<String, ?> parameters, Collection<Map<String, ?>> rows,
                              OutputStream out) {
        try {
            JasperPrint print = JasperFillManager.fillReport(compiled(template), new HashMap<>(parameters),
                    new JRMapCollectionDataSource(rows));
            JasperExportManager.exportReportToPdfStream(print, out);
        } catch (JRException e) {
            throw new IllegalStateException("could not render " + template + ": " + e.getMessage(), e);
        }
    }

    private static JasperReport compiled(String template) {
        return COMPILED.computeIfAbsent(template, JasperPdf::compile);
    }

    private static JasperReport compile(String template) {
        try (InputStream jrxml = JasperPdf.class.getResourceAsStream(template)) {
            if (jrxml == null) {
                throw new IllegalStateException("no report template " + template + " on the class path");
            }
            return JasperCompileManager.compileReport(jrxml);
        } catch (JRException e) {
            throw new IllegalStateException("report template " + template + " does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
