package io.aos.ops.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver, both named by path so Selenium Manager never looks
 * for (or downloads) a browser. Console messages and every network request of the page are recorded (Chrome's
 * browser and performance logs) for the checks that a report loads cleanly and fetches nothing.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser with a fresh profile in {@code scratch}; fails (never skips) when it is not installed. */
    public static HeadlessChromium start(Path scratch) throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
        System.setProperty("se.avoidStats", "true");
        Path profile = Files.createDirectories(scratch.resolve("profile"));
        Path tmp = Files.createDirectories(scratch.resolve("tmp"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", tmp.toString(), "HOME", scratch.toString(),
                        "SE_AVOID_STATS", "true"))
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code page} and waits until it has loaded. */
    public void open(Path page) {
        driver.get(page.toUri().toString());
        Object state = driver.executeScript("return document.readyState");
        assertThat(state).isEqualTo("complete");
    }

    /** Console entries at WARNING or above since the last call, read from the browser log. */
    public List<LogEntry> consoleProblems() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(e);
        }
        List<LogEntry> bad = console.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        console.clear();
        return bad;
    }

    /** Every URL the browser requested since the last call (Chrome's performance log: Network.requestWillBeSent). */
    public List<String> requestedUrls() {
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message;
            try {
                message = OpsJson.mapper().readTree(e.getMessage()).path("message");
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new AssertionError("unreadable performance log entry: " + e.getMessage(), ex);
            }
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requests.add(message.at("/params/request/url").asText());
            }
        }
        List<String> out = List.copyOf(requests);
        requests.clear();
        return out;
    }

    /** Resource Timing entries the page itself saw (anything it loaded after the document). */
    public List<String> resourceEntries() {
        @SuppressWarnings("unchecked")
        List<Object> names = (List<Object>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(function(e){return e.name;})");
        return names.stream().map(String::valueOf).toList();
    }

    /** True when {@code element} is inside the viewport (at least partly, top below 0 and above the fold). */
    public boolean inViewport(WebElement element) {
        Object r = driver.executeScript("var r=arguments[0].getBoundingClientRect();"
                + "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;", element);
        return Boolean.TRUE.equals(r);
    }

    /** Emulates prefers-color-scheme or the print medium (CDP), for the light/dark/print checks. */
    public void emulate(String media, String colorScheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media == null ? "" : media,
                "features", List.of(Map.of("name", "prefers-color-scheme", "value",
                        colorScheme == null ? "" : colorScheme))));
    }

    /** Writes a screenshot of the viewport to {@code target}. */
    public void screenshot(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(target, png);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
