package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.AosOps;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import io.aos.ops.cli.html.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The monitor daemon (a real JVM from the built jar) watching a real shadow run that progresses in a temp directory,
 * its status page opened in Debian's headless Chromium: the page loads without console errors, asks nothing of
 * anyone but the daemon, and redraws itself as the run's cycles go up. Screenshots go to
 * {@code target/screenshots/}. The daemon's port is bound to loopback only unless {@code --bind} opens it.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatusPageBrowserIT {

    static final Path JAR = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    @TempDir
    Path tmp;
    Path state;
    Path runDir;
    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void dirs() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        runDir = tmp.resolve("runs/shadow_simulation_20261202_050000");
        Files.createDirectories(tmp.resolve("tmp"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theStatusPageLoadsCleanlyFetchesOnlyFromTheDaemonAndFollowsARunningShadowRun() throws Exception {
        start("shadow-run", "shadow", "run", "--cycles", "400", "--cycle-interval", "0.3", "-n", "2", "-w", "1",
                "--seed", "19", "--inject", "volatile-leak:0.3", "-o", runDir.toString());
        awaitFile(runDir.resolve("status.json"));
        int port = freePort();
        start("daemon", "monitor", "daemon", "--interval", "1", "--run-dir", runDir.toString(),
                "--metrics-port", Integer.toString(port));
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        JsonNode first = await("a first check with cycles on /api/status", () -> {
            JsonNode json = apiStatus(base);
            return json != null && json.at("/cycles/done").asLong() > 0 ? json : null;
        });
        assertThat(first.at("/run/name").asText()).isEqualTo(runDir.getFileName().toString());
        assertThat(first.at("/state").asText()).isEqualTo("running");

        assertThat(listeners(port)).as("listening sockets on port %d", port).containsExactly("127.0.0.1");

        Path profile = Files.createDirectories(tmp.resolve("chromium"));
        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            ChromeDriver browser = chromium.driver();
            browser.get(base.toString());
            assertThat(browser.executeScript("return document.readyState")).isEqualTo("complete");
            assertThat(browser.getTitle()).contains(runDir.getFileName().toString());
            long shown = cycles(browser);
            chromium.screenshot(SCREENSHOTS.resolve("status-page-light.png"));

            // no reload: the page's own script must bring the newer figures
            long later = await("the page to show more cycles than " + shown, () -> {
                long now = cycles(browser);
                return now > shown ? now : null;
            });
            assertThat(later).isGreaterThan(shown);
            assertThat(browser.findElement(By.id("live")).getText()).startsWith("live, fetched");
            long mismatches = await("mismatches on the page", () -> {
                long n = number(browser.findElement(By.id("mismatches-total")).getText());
                return n > 0 ? n : null;
            });
            assertThat(mismatches).isPositive();
            assertThat(browser.findElement(By.id("causes")).getText()).contains("VOLATILE_LEAK");
            assertThat(browser.findElement(By.id("state")).getText()).isEqualToIgnoringCase(
                    "running");

            chromium.emulate(null, "dark");
            String background = (String) browser.executeScript(
                    "return getComputedStyle(document.body).backgroundColor");
            assertThat(background).as("dark background").isEqualTo("rgb(13, 17, 23)");
            chromium.screenshot(SCREENSHOTS.resolve("status-page-dark.png"));

            assertThat(chromium.consoleProblems()).as("console warnings and errors").isEmpty();
            // chrome:// (the browser's own start tab) and data: URLs are served from inside the browser, never the
            // network: every other request must go to the daemon
            List<String> urls = chromium.requestedUrls().stream()
                    .filter(u -> !u.startsWith("chrome://") && !u.startsWith("data:")).toList();
            assertThat(urls).as("requests the page made").isNotEmpty()
                    .allSatisfy(url -> assertThat(url).startsWith(base.toString()));
            assertThat(urls).contains(base.resolve("/api/status").toString());
        }
    }

    @Test
    void bindOpensThePortToEveryAddressAndSaysSo() throws Exception {
        Files.createDirectories(runDir.resolve("reports"));
        int port = freePort();
        Process daemon = start("daemon", "monitor", "daemon", "--interval", "1", "--run-dir", runDir.toString(),
                "--metrics-port", Integer.toString(port), "--bind", "0.0.0.0");

        await("the daemon listening on " + port, () -> listeners(port).isEmpty() ? null : Boolean.TRUE);

        assertThat(listeners(port)).containsExactly("0.0.0.0");
        assertThat(await("the warning on stderr", () -> {
            String err = read(tmp.resolve("daemon.err"));
            return err.contains("WARNING") ? err : null;
        })).contains("0.0.0.0:" + port, "without authentication");
        assertThat(daemon.isAlive()).isTrue();
    }

    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-Xmx192m", "-cp", JAR.toString(), AosOps.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("TMPDIR", tmp.resolve("tmp").toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog").toString());
        pb.environment().remove("SHADOW_HOOK");
        pb.environment().remove("AOS_MONITOR_BIND");
        Process process = pb.start();
        processes.add(process);
        return process;
    }

    private JsonNode apiStatus(URI base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? OpsJson.mapper().readTree(response.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private <T> T await(String what, Supplier<T> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            for (Process p : processes) {
                assertThat(p.isAlive()).as("a process ended early; daemon stderr: %s, run stderr: %s",
                        read(tmp.resolve("daemon.err")), read(tmp.resolve("shadow-run.err"))).isTrue();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; daemon stderr: " + read(tmp.resolve(
                "daemon.err")));
    }

    private void awaitFile(Path file) throws Exception {
        await(file.toString(), () -> Files.isRegularFile(file) ? Boolean.TRUE : null);
    }

    private static long cycles(ChromeDriver browser) {
        return number(browser.findElement(By.id("cycles-done")).getText());
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", "").strip());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The local addresses of the TCP sockets listening on {@code port}, from the kernel's tables
     * ({@code /proc/net/tcp} and {@code tcp6}), so the test sees what is bound, not what answers.
     */
    static List<String> listeners(int port) {
        try {
            return listening(port);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> listening(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                // local_address is f[1] (hex address:port), st is f[3]; 0A is LISTEN
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(hexPort)) {
                    addresses.add(decode(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return addresses;
    }

    private static String decode(String hex) throws IOException {
        byte[] raw = new byte[hex.length() / 2];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        // the kernel prints each 32-bit word in host (little-endian) order
        for (int w = 0; w < raw.length; w += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[w + i];
                raw[w + i] = raw[w + 3 - i];
                raw[w + 3 - i] = b;
            }
        }
        InetAddress address = InetAddress.getByAddress(raw);
        return address.isAnyLocalAddress() ? "0.0.0.0" : address.getHostAddress();
    }



}
