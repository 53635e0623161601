package io.tollgate.reports.invoice;

import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.Coverage;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoiceParty;
import io.tollgate.core.billing.InvoicePricing;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.core.billing.LineTotals;
import io.tollgate.core.billing.TaxProfile;
import io.tollgate.core.money.FxRates;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders an invoice, a credit note, a draft and a void invoice, reads each PDF back with pdfbox and checks what a
 * customer would read on it. Page 1 of each is written to {@code target/invoice-png/} for a look by eye.
 */
class InvoicePdfTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Path LOGO = Path.of("..", "examples", "branding", "tollgate-logo.png");
    private static final Path PNG_DIR = Path.of("target", "invoice-png");
    private static final Instant PERIOD_END = Instant.parse("2026-03-31T22:00:00Z");
    private static final BigDecimal USD_TO_EUR = new BigDecimal("0.9215");

    private static final InvoiceParty ISSUER = new InvoiceParty("Tollgate Carrier Services GmbH",
            List.of("Friedrichstraße 123", "10117 Berlin"), "Germany", "DE812345678");
    private static final InvoiceParty GREEK = new InvoiceParty("Ελληνικές Τηλεπικοινωνίες Α.Ε.",
            List.of("Λεωφόρος Κηφισίας 99", "151 24 Μαρούσι, Αθήνα"), "Greece", "EL094019245");
    private static final InvoiceParty RUSSIAN = new InvoiceParty("ООО «Телеком Сибирь»",
            List.of("ул. Ленина, 15", "630099 Новосибирск"), "Russia", "");
    private static final String TERMS = "Payable within 30 days to IBAN DE89 3704 0044 0532 0130 00, quoting the number.";

    /** The calls of the final invoice: two call lines (one rated in USD) and an adjustment of an earlier period. */
    private static final List<LineTotals> GROUPS = List.of(
            new LineTotals("Germany Mobile", "4915", new BigDecimal("0.0123"), EUR, 1200, 345_600,
                    new BigDecimal("70.848012"), false),
            new LineTotals("United States", "1", new BigDecimal("0.0052"), USD, 800, 240_000,
                    new BigDecimal("20.800000"), false),
            new LineTotals("Greece Fixed", "3021", new BigDecimal("0.011"), EUR, 15, 5_400,
                    new BigDecimal("0.990000"), true));

    @BeforeAll
    static void outputDirectory() throws IOException {
        Files.createDirectories(PNG_DIR);
    }

    @Test
    void finalInvoiceShowsParties_lines_totals_fxNote_andEmbedsEveryFont() throws IOException {
        Invoice invoice = finalInvoice();

        String text = renderAndRead(invoice, GREEK, "final-invoice");

        Expected expected = Expected.ofFinalInvoice();
        assertThat(expected.lines()).containsExactly("70.85", "19.17", "0.99");
        assertThat(text)
                .contains("INVOICE", "INV-2026-00042", "Issue date 2026-04-01", "Due date 2026-05-01",
                        "2026-03-01 – 2026-03-31")
                .contains("Tollgate Carrier Services GmbH", "Tax id DE812345678")
                .contains("Ελληνικές Τηλεπικοινωνίες Α.Ε.", "Λεωφόρος Κηφισίας 99", "VAT id EL094019245")
                .contains(expected.lines())
                .contains("Adjustment, earlier periods: Greece Fixed (3021)")
                .contains("Net " + expected.net(), "Tax 19 % " + expected.tax(), "Total EUR " + expected.total())
                .contains("Calls rated in USD converted at 1 USD = 0.9215 EUR")
                .contains(TERMS)
                .contains("Covers 2015 calls, digest " + DIGEST)
                .contains("Page 1 of 1")
                .doesNotContain("DRAFT", "CREDIT NOTE", "VOID");
    }

    @Test
    void creditNoteSaysSo_andNamesTheInvoiceItCredits() throws IOException {
        Invoice original = finalInvoice();
        Invoice credit = new Invoice("cn-2026-04-0001", "CN-2026-00007", Invoice.Kind.CREDIT_NOTE,
                InvoiceStatus.FINAL, "sib-telecom", original.period(), EUR, original.amounts().negated(),
                original.coverage(), original.invoiceId(), LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 10),
                Instant.parse("2026-04-10T09:00:00Z"));

        String text = renderAndRead(credit, RUSSIAN, "credit-note");

        assertThat(text)
                .contains("CREDIT NOTE", "CN-2026-00007", "Credits invoice " + original.invoiceId())
                .contains("ООО «Телеком Сибирь»", "630099 Новосибирск")
                .contains(Expected.ofFinalInvoice().lines().stream().map(amount -> "-" + amount).toList())
                .contains("Total EUR -" + Expected.ofFinalInvoice().total())
                .doesNotContain("DRAFT");
    }

    @Test
    void draftIsMarkedAsNoTaxDocument_andPrintsTheReverseChargeNote() throws IOException {
        TaxProfile reverseCharge = new TaxProfile(TaxProfile.Kind.REVERSE_CHARGE, BigDecimal.ZERO, "EL094019245");
        InvoiceAmounts amounts = InvoicePricing.price(GROUPS.subList(0, 1), EUR, reverseCharge, FxRates.none(),
                PERIOD_END);
        Invoice draft = new Invoice("drf-7f3a", "", Invoice.Kind.INVOICE, InvoiceStatus.DRAFT, "hellas-tel",
                new BillingPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)), EUR, amounts,
                new Coverage(1200, new BigDecimal("70.848012"), DIGEST), "", null, null,
                Instant.parse("2026-04-15T08:00:00Z"));

        String text = renderAndRead(draft, GREEK, "draft");

        assertThat(text)
                .contains("DRAFT — not a tax document", "Number draft")
                .contains("Reverse charge: VAT to be accounted for by the recipient (VAT id EL094019245).")
                .contains("Tax 0 % 0.00", "Total EUR 70.85")
                .doesNotContain("CREDIT NOTE");
    }

    @Test
    void voidInvoiceIsMarkedVoid() throws IOException {
        Invoice voided = finalInvoice().voided(Instant.parse("2026-04-20T12:00:00Z"));

        String text = renderAndRead(voided, GREEK, "void");

        assertThat(text).contains("INVOICE", "INV-2026-00042", "VOID");
    }

    @Test
    void rendersWithoutLogoOrPaymentTerms() throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        InvoicePdf.render(finalInvoice(), ISSUER, GREEK, null, null, pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(new PDFTextStripper().getText(document)).contains("INV-2026-00042");
        }
    }

    private static final String DIGEST = "9f2c4e1ab37d5086c1e9f4a2b7d30c58e6a1f9b2c4d7e8a0b3c5d6e7f8091a2b";

    private static Invoice finalInvoice() {
        FxRates fx = FxRates.of(List.of(new FxRates.FxRate(USD, EUR, USD_TO_EUR, Instant.parse("2026-03-01T00:00:00Z"))));
        TaxProfile standard = new TaxProfile(TaxProfile.Kind.STANDARD, new BigDecimal("0.19"), "EL094019245");
        InvoiceAmounts amounts = InvoicePricing.price(GROUPS, EUR, standard, fx, PERIOD_END);
        return new Invoice("inv-2026-03-hellas", "INV-2026-00042", Invoice.Kind.INVOICE, InvoiceStatus.FINAL,
                "hellas-tel", new BillingPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)), EUR, amounts,
                new Coverage(2015, amounts.exactNet(), DIGEST), "", LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 5, 1), Instant.parse("2026-04-01T06:00:00Z"));
    }

    /**
     * Renders, checks every font is embedded and page 1 is not blank, writes page 1 as PNG and returns the text with
     * runs of white space made single spaces (so a label and its value read "Net 91.01").
     */
    private static String renderAndRead(Invoice invoice, InvoiceParty customer, String name) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        InvoicePdf.render(invoice, ISSUER, customer, TERMS, LOGO, pdf);
        Files.write(PNG_DIR.resolve(name + ".pdf"), pdf.toByteArray());

        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                collectFonts(page.getResources(), fonts);
            }
            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue());
            assertThat(fonts).allSatisfy(font -> assertThat(font.getName()).contains("DejaVuSans"));

            BufferedImage page1 = new PDFRenderer(document).renderImageWithDPI(0, 100);
            ImageIO.write(page1, "png", PNG_DIR.resolve(name + ".png").toFile());
            assertThat(darkPixels(page1)).as("dark pixels on page 1").isGreaterThan(2_000);

            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static void collectFonts(PDResources resources, List<PDFont> fonts) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                collectFonts(form.getResources(), fonts);
            }
        }
    }

    private static long darkPixels(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                if (luminance < 96) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /**
     * The final invoice's figures worked out here, not read from the invoice: each line the exact sum in EUR rounded
     * half-up to cents, the net the exact sum of all rounded once, 19 % tax on the net.
     */
    private record Expected(List<String> lines, String net, String tax, String total) {
        static Expected ofFinalInvoice() {
            List<BigDecimal> exact = List.of(new BigDecimal("70.848012"),
                    new BigDecimal("20.800000").multiply(USD_TO_EUR), new BigDecimal("0.990000"));
            BigDecimal net = cents(exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            BigDecimal tax = cents(net.multiply(new BigDecimal("0.19")));
            List<BigDecimal> lines = exact.stream().map(InvoicePdfTest::cents).toList();
            // the data is chosen so that rounding each line needs no correction to add up to the net
            assertThat(lines.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(net);
            return new Expected(lines.stream().map(BigDecimal::toPlainString).toList(), net.toPlainString(),
                    tax.toPlainString(), net.add(tax).toPlainString());
        }
    }

    private static BigDecimal cents(BigDecimal exact) {
        return exact.setScale(2, RoundingMode.HALF_UP);
    }
}
