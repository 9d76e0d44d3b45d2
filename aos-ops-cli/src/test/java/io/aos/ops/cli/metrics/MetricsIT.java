package io.aos.ops.cli.metrics;

import io.aos.ops.cli.StandInRunner;
import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.metrics.ExpositionParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real jar exporting metrics: a textfile from 'monitor check', /metrics from the daemon, read by 'sanity'. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final String RUN = "shadow_simulation_20261128_020000";

    @TempDir
    Path tmp;
    Path state;
    Process runner;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void fakeRun() throws Exception {
        state = tmp.resolve("state");
        Path runDir = tmp.resolve("runs/" + RUN);
        Files.createDirectories(runDir.resolve("reports"));
        Files.createDirectories(runDir.resolve("golden"));
        runner = StandInRunner.start(tmp, runDir, 120);
        ProcessHandle h = runner.toHandle();
        Instant now = Instant.now();
        ShadowRunStatus status = new ShadowRunStatus(1, h.pid(), h.info().startInstant().orElse(null),
                now.minusSeconds(600), now, RunState.RUNNING, 7, 63, 63, 0, 0, now, 24.0, null, false, null);
        Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(status));
    }

    @AfterEach
    void cleanUp() throws Exception {
        run("monitor", "stop", "--wait", "5");
        runner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void monitorCheckWritesTheTextfileForNodeExporter() throws Exception {
        Run r = run("monitor", "check", "--textfile-dir", tmp.resolve("textfile").toString());

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        var exposition = ExpositionParser.parse(Files.readString(tmp.resolve("textfile/aos_ops.prom")));
        assertThat(exposition.problems()).isEmpty();
        assertThat(exposition.samples("aos_shadow_cycles_total")).singleElement()
                .satisfies(s -> assertThat(s.label("run")).isEqualTo(RUN))
                .satisfies(s -> assertThat(s.value()).isEqualTo(7.0));
        assertThat(exposition.samples("aos_monitor_check_status"))
                .anySatisfy(s -> assertThat(s.label("probe")).isEqualTo("process"));
    }

    @Test
    void theDaemonServesMetricsThatSanityReadsDirectly() throws Exception {
        int port = freePort();
        Run start = run("monitor", "start", "--interval", "1", "--metrics-port", Integer.toString(port));
        assertThat(start.code()).as(start.err() + start.out()).isZero();
        assertThat(start.out()).contains("Metrics: http://127.0.0.1:" + port + "/metrics");

        // the daemon records its check's status before it has read the run's files: wait for both
        String body = awaitMetrics(URI.create("http://127.0.0.1:" + port + "/metrics"), "aos_monitor_check_status",
                "workflow_replay_verifications_total{");
        assertThat(ExpositionParser.parse(body).samples("aos_monitor_check_status")).isNotEmpty();

        Run sanity = run("sanity", "--metrics-url", "http://127.0.0.1:" + port + "/metrics");
        assertThat(sanity.out()).contains(
                "workflow_replay_verifications_total{run=\"" + RUN + "\",status=\"passed\"} 63");
    }

    @Test
    void aTakenMetricsPortFailsInTheForeground() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run start = run("monitor", "start", "--metrics-port", Integer.toString(taken.getLocalPort()));

            assertThat(start.code()).isEqualTo(2);
            assertThat(start.err()).contains("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static String awaitMetrics(URI uri, String... names) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Arrays.stream(names).allMatch(r.body()::contains)) {
                    return r.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + String.join(" and ", names) + " at " + uri + " within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("SHADOW_HOOK");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
