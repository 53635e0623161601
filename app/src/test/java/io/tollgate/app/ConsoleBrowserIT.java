package io.tollgate.app;

import io.tollgate.app.testing.TestConfigs;
import io.tollgate.app.console.AuditLog;
import io.tollgate.app.console.Caller;
import io.tollgate.app.console.ConsoleServer;
import io.tollgate.app.console.ConsoleSettings;
import io.tollgate.app.console.Role;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.config.TollgateConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver) against the console on a scratch
 * ClickHouse database and run-private Kafka topics: an alert written while the page is open appears in the feed
 * without a reload; acknowledge and block work, and the block reaches the instructions topic. Screenshots go to
 * app/target/screenshots.
 */
class ConsoleBrowserIT {
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final Path DOWNLOADS = Path.of("target/browser-downloads");
    private static final String TOKEN = UUID.randomUUID().toString().replace("-", "");

    private static ConsoleStack stack;
    private static ConsoleServer server;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        stack = ConsoleStack.start("browser");
        TollgateConfig config = config();
        new RatedCdrTable(stack.database).insert(List.of(call("march-1", "2026-03-10T10:00:00Z", "1.250000"),
                call("march-2", "2026-03-11T10:00:00Z", "2.500000")), RatedCdrTable.STREAM_VERSION, "stream");
        server = new ConsoleServer(new ConsoleSettings("127.0.0.1", 0, Map.of(TOKEN, new Caller("analyst", Role.ADMIN))),
                new AuditLog(stack.database), ServeCommand.sections(config, stack.database, stack.publisher));
        base = "http://127.0.0.1:" + server.start();
        browser = chromium();
    }

    /** Debian's chromium through its chromedriver, headless, at a laptop's size; nothing downloaded at run time. */
    private static WebDriver chromium() throws Exception {
        File driver = new File("/usr/bin/chromedriver");
        assertThat(driver).as("the browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
                + " chromium-driver); .ci/run installs them").exists();
        Files.createDirectories(SHOTS);
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The link tollgate demo prints: the token in the fragment signs the tab in and leaves the address bar. */
    @Test
    void aLinkWithTheTokenInItsFragmentSignsTheTabIn() {
        browser.get(base + "/");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get("about:blank");   // else only the fragment changes, and the page is not loaded again
        browser.get(base + "/#token=" + TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "live"));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("token set");
        assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN).doesNotContain("#");
    }

    @Test
    void anAlertAppearsLiveAndIsAcknowledgedAndBlockedFromThePage() throws Exception {
        browser.get(base + "/");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#login button")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "live"));

        RaisedAlert raised = ConsoleStack.alert("acme", "2899", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        new FraudAlertTable(stack.database).insert(List.of(raised));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-" + raised.alertId())));
        screenshot("alert-feed");

        assertThat(row.getText()).contains("critical").contains("irsf").contains("acme").contains("open");
        String inRow = "#alert-" + raised.alertId() + " ";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(inRow + "button[data-action=acknowledge]")))
                .click();
        wait.until(d -> d.findElement(By.id("alert-" + raised.alertId())).getText().contains("acknowledged"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(inRow + "button[data-action=block]")))
                .click();
        wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "blocked acme"));
        screenshot("alert-blocked");

        Block block = (Block) stack.instructions().stream().filter(b -> b instanceof Block).findFirst().orElseThrow();
        assertThat(block.subject()).isEqualTo("block:customer:acme");
        assertThat(block.issuer()).isEqualTo("analyst");
        assertThat(horizontalScroll()).as("the page fits 1280 px without horizontal scrolling").isFalse();
    }

    @Test
    void anInvoiceGeneratedFromThePageDownloadsAsAPdf() throws Exception {
        browser.get(base + "/");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#login button")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.findElement(By.id("invoice-customer")).sendKeys("acme");
        browser.findElement(By.id("invoice-period")).sendKeys("2026-03");
        browser.findElement(By.cssSelector("#generate button")).click();
        wait.until(d -> d.findElement(By.id("generate-state")).getText().startsWith("generated"));
        Path pdf = wait.until(d -> downloaded(".pdf"));
        screenshot("invoice-generated");

        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // net 1.25 + 2.50 = 3.75, VAT 19 % = 0.7125 -> 0.71: total 4.46
        assertThat(browser.findElement(By.id("invoices")).getText()).contains("acme").contains("draft")
                .contains("4.46 EUR");
    }

    /** A finished download (Chromium names it .crdownload until then), or null while there is none. */
    private static Path downloaded(String suffix) {
        try (var files = Files.list(DOWNLOADS)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** acme in EUR, Berlin, monthly, 19 % VAT; ClickHouse is the scratch database. */
    private static TollgateConfig config() throws Exception {
        Path dir = Files.createTempDirectory("console-browser");
        Path file = Files.writeString(dir.resolve("tollgate.yaml"), "customers:\n" + TestConfigs.ACME + "vendors:\n"
                + TestConfigs.vendor("vendor-a", "Vendor A") + """
                services:
                  clickhouse: {url: %s, database: %s}
                invoices:
                  output_dir: invoices
                """.formatted(stack.scratch.url(), stack.scratch.name()));
        return TollgateConfig.load(file, Map.of());
    }

    private static RatedCdr call(String id, String setup, String amount) {
        Instant start = Instant.parse(setup);
        Cdr cdr = new Cdr(id, "acme", "4930111", "441234567", start, start.plusSeconds(3), start.plusSeconds(63),
                new BigDecimal("60"), Disposition.ANSWERED, 16, List.of());
        Currency eur = Currency.getInstance("EUR");
        return RatedCdr.rated(cdr, "vendor-a", new RatedLeg("customer-acme", 1, eur, "44", new BigDecimal("0.1"), 60,
                new BigDecimal(amount)), new RatedLeg("vendor-a", 1, eur, "44", new BigDecimal("0.05"), 60,
                new BigDecimal("0.05")), BigDecimal.ONE);
    }

    private static boolean horizontalScroll() {
        Object wider = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
        return Boolean.TRUE.equals(wider);
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

}
