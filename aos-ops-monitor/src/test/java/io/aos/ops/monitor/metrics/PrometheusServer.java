package io.aos.ops.monitor.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real Prometheus server (Debian package {@code prometheus}) for the ITs: on a free loopback port, its config, data
 * and log in a test's temporary directory, scraping and evaluating rules every second, optionally sending its alerts
 * to an Alertmanager. Stopped by {@link #close()}.
 *
 * <p>A fixture, not a test: every wait in it is bounded (readiness polls to a deadline, process stops escalate to
 * SIGKILL, HTTP calls carry timeouts), and every test class that starts it carries {@code @Timeout}, which
 * {@code TestTimeoutsTest} (aos-ops-cli) enforces.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final PrometheusQueryClient api;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.api = PrometheusQueryClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(5));
    }

    /**
     * Starts Prometheus with the rules in {@code rules}, sending alerts to {@code alertmanager} if given, and waits
     * until it is ready. {@code scrapeConfigs} is the indented list under {@code scrape_configs:}.
     */
    static PrometheusServer start(Path dir, Path rules, String scrapeConfigs, Optional<URI> alertmanager)
            throws Exception {
        Path prometheus = ExternalTool.require("prometheus", "prometheus");
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        String alerting = alertmanager.map(am -> """
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['%s']
                """.formatted(am.getAuthority())).orElse("");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                """.formatted(rules.toAbsolutePath()) + alerting + "scrape_configs:\n" + scrapeConfigs);
        int port = ExternalTool.freeLoopbackPort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        try {
            server.await("Prometheus ready", Polling.isTrue(server.api::ready));
        } catch (Throwable e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Its HTTP API. */
    PrometheusQueryClient api() {
        return api;
    }

    int port() {
        return port;
    }

    /** Waits, bounded, for {@code probe}; fails with Prometheus's log if it does not hold or the server exits. */
    <T> T await(String what, Polling.Probe<T> probe) throws Exception {
        return Polling.await(what, watched(), probe);
    }

    /** Its liveness and log, for a wait on something it feeds. */
    Polling.Watched watched() {
        return Polling.process("prometheus", process, log);
    }

    /** The last lines of its log. */
    String log() {
        return Polling.tail(log);
    }

    @Override
    public void close() {
        ExternalTool.stop(process);
    }
}
