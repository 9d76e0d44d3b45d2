package io.aos.ops.monitor.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) for the ITs: on a free loopback port, with
 * clustering off (it would otherwise listen on :9094 on every interface), its data and log in a test's temporary
 * directory. Stopped by {@link #close()}.
 *
 * <p>A fixture, not a test: every wait in it is bounded (readiness polls to a deadline, process stops escalate to
 * SIGKILL, HTTP calls carry timeouts), and every test class that starts it carries {@code @Timeout}, which
 * {@code TestTimeoutsTest} (aos-ops-cli) enforces.
 */
final class AlertmanagerServer implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private AlertmanagerServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts Alertmanager with the configuration file {@code config} and waits until it is ready. */
    static AlertmanagerServer start(Path dir, Path config) throws Exception {
        Path binary = ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
        Files.createDirectories(dir);
        int port = ExternalTool.freeLoopbackPort();
        Path log = dir.resolve("alertmanager.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AlertmanagerServer server = new AlertmanagerServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.await("Alertmanager ready", () -> server.get("/-/ready").statusCode() == 200 ? Boolean.TRUE : null);
        } catch (Throwable e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Where Prometheus sends alerts to. */
    URI url() {
        return url;
    }

    /** Posts alerts to the v2 API, as Prometheus does: {@code alertsJson} is a JSON array of postable alerts. */
    void post(String alertsJson) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/api/v2/alerts"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST /api/v2/alerts answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** GET {@code path} of the API, e.g. {@code /api/v2/alerts}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits, bounded, for {@code probe}; fails with Alertmanager's log if it does not hold or the server exits. */
    <T> T await(String what, Polling.Probe<T> probe) throws Exception {
        return Polling.await(what, watched(), probe);
    }

    /** Its liveness and log, for a wait on something it feeds. */
    Polling.Watched watched() {
        return Polling.process("alertmanager", process, log);
    }

    String log() {
        return Polling.tail(log);
    }

    @Override
    public void close() {
        ExternalTool.stop(process);
    }
}
