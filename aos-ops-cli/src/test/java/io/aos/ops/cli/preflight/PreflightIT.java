package io.aos.ops.cli.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.aos.ops.cli.CliRun;
import io.aos.ops.cli.StandInRunner;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aos-ops preflight} and {@code aos-ops shadow start} through the jar, against real services started here:
 * an HTTP health endpoint, redis-server, a worker process; green, then red with each probe failing in turn.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PreflightIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final String MARKER = "# aos-ops: managed by 'aos-ops cron install'";
    static final List<String> PROBES = List.of("backend", "redis", "workers", "disk", "emergency_stop", "shadow_run",
            "cron", "archive_dir");

    @TempDir
    static Path shared;
    static HttpServer health;
    static Process redis;
    static int redisPort;
    static ServerSocket garbage;

    @TempDir
    Path tmp;
    Path state;
    Process worker;
    String workerMarker;
    final Map<String, String> env = new HashMap<>();
    final List<ProcessHandle> extra = new ArrayList<>();

    @BeforeAll
    static void services() throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"healthy\",\"version\":\"4.2\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.start();

        redisPort = freePort();
        Path dir = Files.createDirectories(shared.resolve("redis"));
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--requirepass", "pf-secret")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        boolean up = false;
        for (int i = 0; i < 200 && !up && redis.isAlive(); i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
                up = s.isConnected();
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        assertThat(up).as("redis-server up on " + redisPort + " (installed by .ci/run)").isTrue();

        garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!garbage.isClosed()) {
                try (Socket s = garbage.accept()) {
                    s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[256]);
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (health != null) {
            health.stop(0);
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
        if (garbage != null) {
            garbage.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void greenHost() throws Exception {
        state = tmp.resolve("state");
        workerMarker = "aosit-worker-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        worker = new ProcessBuilder("sh", "-c", "sleep 300; :", workerMarker).start();
        Path cron = Files.createDirectories(tmp.resolve("cron.d"));
        Files.writeString(cron.resolve("aos-ops"), MARKER + "\n*/15 * * * * root " + REPO.resolve("bin/aos-ops")
                + " cron-check\n");
        env.put("AOS_STATE_DIR", state.toString());
        env.put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        env.put("ARCHIVE_DIR", tmp.resolve("archive/golden").toString());
        env.put("AOS_CRON_DIR", cron.toString());
        env.put("AOS_CRONTAB_LIST", "");
        env.put("AOS_HEALTH_URL", "http://127.0.0.1:" + health.getAddress().getPort() + "/health");
        env.put("REDIS_URL", "redis://:pf-secret@127.0.0.1:" + redisPort);
        env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock"));
        env.put("AOS_WORKER_PATTERN", Pattern.quote(workerMarker));
        env.put("NO_COLOR", "1");
    }

    @AfterEach
    void cleanUp() throws Exception {
        run("monitor", "stop", "--wait", "5");
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle p : extra) {
            p.destroyForcibly();
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    CliRun run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AOS_") || k.equals("WORKFLOW_EMERGENCY_STOP")
                || k.equals("REDIS_URL") || k.equals("DOCKER_HOST") || k.equals("ARCHIVE_DIR"));
        pb.environment().putAll(env);
        return CliRun.process(pb, tmp);
    }

    /** The probe's line: {@code STATUS    probe   message}. */
    static String line(CliRun r, String probe) {
        return r.out().lines().filter(l -> l.matches("\\S+\\s+" + probe + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + probe + " in:\n" + r.out() + r.err()));
    }

    static void assertOnlyFailing(CliRun r, String failing, String status) {
        for (String probe : PROBES) {
            assertThat(line(r, probe)).as(r.out()).startsWith(probe.equals(failing) ? status : "OK ");
        }
    }

    @Test
    void greenHostIsReadyInTextNagiosAndJson() throws Exception {
        CliRun text = run("preflight");

        assertThat(text.code()).as(text.out() + text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertOnlyFailing(text, "none", "");
        assertThat(text.out().lines().toList()).hasSize(9).last().isEqualTo("Pre-flight: READY (OK)");
        assertThat(line(text, "redis")).isEqualTo(String.format("%-9s %-15s %s", "OK", "redis",
                "Redis redis://127.0.0.1:" + redisPort + ": PONG"));
        assertThat(line(text, "workers")).contains("1 process(es) match", String.valueOf(worker.pid()));

        CliRun nagios = run("preflight", "--nagios");
        assertThat(nagios.code()).isZero();
        assertThat(nagios.out()).isEqualTo("PREFLIGHT OK - 8 checks OK | checks=8 failed=0\n");

        CliRun json = run("preflight", "--json", "--hours", "2");
        assertThat(json.code()).isZero();
        JsonNode tree = OpsJson.mapper().readTree(json.out());
        assertThat(tree.path("status").asText()).isEqualTo("OK");
        assertThat(tree.path("hours").asDouble()).isEqualTo(2.0);
        assertThat(tree.path("checks").path("backend").path("status").asText()).isEqualTo("OK");
        assertThat(tree.path("checks").path("backend").path("health_status").asText()).isEqualTo("healthy");
    }

    @Test
    void eachProbeFailingInTurnIsCriticalAndExitsOne() throws Exception {
        String goodHealth = env.get("AOS_HEALTH_URL");
        String goodRedis = env.get("REDIS_URL");
        String goodPattern = env.get("AOS_WORKER_PATTERN");
        String goodArchive = env.get("ARCHIVE_DIR");
        int closedPort = freePort();

        env.put("AOS_HEALTH_URL", "http://127.0.0.1:" + closedPort + "/health");
        CliRun backend = run("preflight");
        assertThat(backend.code()).isEqualTo(1);
        assertOnlyFailing(backend, "backend", "CRITICAL");
        assertThat(line(backend, "backend")).endsWith(":" + closedPort + "/health: connection refused or unreachable");
        assertThat(backend.out()).endsWith("Pre-flight: NOT READY (CRITICAL: backend)\n");
        assertThat(run("preflight", "--nagios").code()).isEqualTo(2);
        env.put("AOS_HEALTH_URL", goodHealth);

        env.put("REDIS_URL", "redis://127.0.0.1:" + garbage.getLocalPort());
        CliRun notRedis = run("preflight");
        assertThat(notRedis.code()).isEqualTo(1);
        assertOnlyFailing(notRedis, "redis", "CRITICAL");
        assertThat(line(notRedis, "redis")).contains("answered something that is not Redis");
        env.put("REDIS_URL", "redis://:wrong@127.0.0.1:" + redisPort);
        CliRun wrongPassword = run("preflight");
        assertOnlyFailing(wrongPassword, "redis", "CRITICAL");
        assertThat(wrongPassword.out()).doesNotContain("wrong@");
        env.put("REDIS_URL", goodRedis);

        env.put("AOS_WORKER_PATTERN", "no-such-worker-" + System.nanoTime());
        CliRun workers = run("preflight");
        assertThat(workers.code()).isEqualTo(1);
        assertOnlyFailing(workers, "workers", "CRITICAL");
        assertThat(line(workers, "workers")).contains("no Docker socket at " + tmp.resolve("no-docker.sock"),
                "no process either");
        env.put("AOS_WORKER_PATTERN", goodPattern);

        CliRun disk = run("preflight", "--hours", "1e12");
        assertThat(disk.code()).isEqualTo(1);
        assertOnlyFailing(disk, "disk", "CRITICAL");
        assertThat(line(disk, "disk")).contains("Disk would pass 90%");

        env.put("WORKFLOW_EMERGENCY_STOP", "true");
        CliRun stop = run("preflight");
        assertThat(stop.code()).isEqualTo(1);
        assertOnlyFailing(stop, "emergency_stop", "CRITICAL");
        env.remove("WORKFLOW_EMERGENCY_STOP");

        Path runDir = Files.createDirectories(tmp.resolve("runs/shadow_simulation_20261201_010000"));
        Process runner = StandInRunner.start(tmp, runDir, 300);
        extra.add(runner.toHandle());
        Instant now = Instant.now();
        ShadowRunStatus status = new ShadowRunStatus(1, runner.pid(), runner.toHandle().info().startInstant()
                .orElse(null), now.minusSeconds(60), now, RunState.RUNNING, 2, 20, 20, 0, 0, now, 24.0, null, false,
                null);
        Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(status));
        CliRun going = run("preflight");
        assertThat(going.code()).isEqualTo(1);
        assertOnlyFailing(going, "shadow_run", "CRITICAL");
        assertThat(line(going, "shadow_run")).contains("A shadow run is already going: PID " + runner.pid());
        runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Files.delete(tmp.resolve("cron.d/aos-ops"));
        CliRun cron = run("preflight");
        assertThat(cron.code()).as("a missing cron entry warns, it does not stop a run").isZero();
        assertOnlyFailing(cron, "cron", "WARNING");
        assertThat(cron.out()).endsWith("Pre-flight: READY (WARNING: cron)\n");
        assertThat(run("preflight", "--nagios").code()).isEqualTo(1);

        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        env.put("ARCHIVE_DIR", file.resolve("golden").toString());
        CliRun archive = run("preflight");
        assertThat(archive.code()).isEqualTo(1);
        assertThat(line(archive, "archive_dir")).startsWith("CRITICAL").endsWith("cannot be created: " + file
                + " is not a directory");
        env.put("ARCHIVE_DIR", goodArchive);
    }

    @Test
    void badUrlsAndPatternsAreOneLineUsageErrors() throws Exception {
        env.put("AOS_HEALTH_URL", "ftp://127.0.0.1/health");
        CliRun ftp = run("preflight");
        assertThat(ftp.code()).isEqualTo(2);
        assertThat(ftp.out()).isEmpty();
        assertThat(ftp.err()).isEqualTo("aos-ops: AOS_HEALTH_URL: 'ftp://127.0.0.1/health' must be a http or https "
                + "URL, not ftp://\n");
        CliRun nagios = run("preflight", "--nagios");
        assertThat(nagios.code()).isEqualTo(3);
        assertThat(nagios.out()).startsWith("PREFLIGHT UNKNOWN - AOS_HEALTH_URL: ");

        env.put("AOS_HEALTH_URL", "http://127.0.0.1:8000/health");
        env.put("REDIS_URL", "http://127.0.0.1:" + redisPort);
        CliRun redisWrongType = run("preflight");
        assertThat(redisWrongType.code()).isEqualTo(2);
        assertThat(redisWrongType.err().lines()).singleElement().asString()
                .isEqualTo("aos-ops: REDIS_URL: 'http://127.0.0.1:" + redisPort + "' must be a redis or rediss URL, "
                        + "not http://");

        env.put("REDIS_URL", "redis://127.0.0.1:1");
        env.put("AOS_WORKER_PATTERN", "worker(");
        CliRun pattern = run("preflight");
        assertThat(pattern.code()).isEqualTo(2);
        assertThat(pattern.err().lines()).singleElement().asString()
                .startsWith("aos-ops: AOS_WORKER_PATTERN: 'worker(' is not a regular expression");

        CliRun hours = run("preflight", "--hours", "-3");
        assertThat(hours.code()).isEqualTo(2);
        assertThat(hours.err().lines()).singleElement().asString()
                .isEqualTo("aos-ops: --hours must be a number of hours > 0, not -3.0");
    }

    @Test
    void shadowStartRunsDetachedFromAProcessThatExitsAndTheRunCompletes() throws Exception {
        CliRun start = run("shadow", "start", "--cycles", "2", "--cycle-interval", "2", "-n", "2", "--workers", "1",
                "--seed", "17", "--monitor-interval", "1");

        assertThat(start.code()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("Pre-flight: READY (OK)", "Monitor started (PID: ",
                "OK Cron check installed: " + tmp.resolve("cron.d/aos-ops"), "aos-ops shadow finish");
        long pid = Long.parseLong(find(start.out(), "Run started \\(PID: (\\d+)\\)"));
        Path runDir = Path.of(find(start.out(), "Run directory: (\\S+)"));
        Path log = Path.of(find(start.out(), "Log: (\\S+)"));
        assertThat(runDir.getParent()).isEqualTo(tmp.resolve("runs"));
        assertThat(log.getParent()).isEqualTo(state);
        assertThat(log.getFileName().toString()).matches("shadow_24h_\\d{8}_\\d{6}\\.log");

        // The process that started it has exited; the run goes on in a session of its own.
        Optional<ProcessHandle> runner = ProcessHandle.of(pid);
        if (runner.isPresent() && runner.get().isAlive()) {
            assertThat(session(pid)).isNotEqualTo(session(ProcessHandle.current().pid()));
        }
        boolean complete = false;
        for (int i = 0; i < 600 && !complete; i++) {
            complete = Files.readString(log).contains("Shadow simulation complete");
            if (!complete) {
                Thread.sleep(100);
            }
        }
        assertThat(complete).as("log " + log + ":\n" + Files.readString(log)).isTrue();
        assertThat(runDir.resolve("status.json")).exists();

        // The runbook's own line finds it.
        Process grep = new ProcessBuilder("sh", "-c", "grep -l 'Shadow simulation complete' " + state
                + "/shadow_24h_*.log").redirectErrorStream(true).start();
        assertThat(new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(log.toString());
        assertThat(grep.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLongRunLivesInASessionOfItsOwnAndEndsCleanlyOnSigterm() throws Exception {
        CliRun start = run("shadow", "start", "--hours", "1", "--cycle-interval", "1", "-n", "1", "--workers", "1",
                "--no-monitor");

        assertThat(start.code()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("Monitor not started (--no-monitor)");
        long pid = Long.parseLong(find(start.out(), "Run started \\(PID: (\\d+)\\)"));
        Path log = Path.of(find(start.out(), "Log: (\\S+)"));
        ProcessHandle runner = ProcessHandle.of(pid).orElseThrow();
        extra.add(runner);
        // the starter has exited; the run is alive, in its own session, with no terminal to lose
        assertThat(runner.isAlive()).isTrue();
        assertThat(session(pid)).isEqualTo(String.valueOf(pid)).isNotEqualTo(session(ProcessHandle.current().pid()));
        assertThat(Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ")[4])
                .as("tty_nr: no controlling terminal").isEqualTo("0");
        assertThat(runner.info().commandLine().orElse("")).contains(" shadow run ", "--output " + tmp.resolve("runs"));

        runner.destroy(); // SIGTERM: the run finishes its cycle and writes its summary
        assertThat(runner.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Files.readString(log)).contains("Shadow simulation complete");
    }

    @Test
    void shadowStartRefusesOnACriticalPreflightAndStartsNothing() throws Exception {
        env.put("AOS_HEALTH_URL", "http://127.0.0.1:" + freePort() + "/health");

        CliRun start = run("shadow", "start", "--cycles", "1");

        assertThat(start.code()).isEqualTo(1);
        assertThat(start.out()).contains("CRITICAL  backend", "Refusing to start: pre-flight is CRITICAL.")
                .doesNotContain("Run started");
        try (Stream<Path> logs = Files.exists(state) ? Files.list(state) : Stream.empty()) {
            assertThat(logs.filter(p -> p.getFileName().toString().startsWith("shadow_24h_"))).isEmpty();
        }
        assertThat(tmp.resolve("runs")).doesNotExist();

        CliRun badArgument = run("shadow", "start", "--cycles", "many");
        assertThat(badArgument.code()).isEqualTo(2);
        assertThat(badArgument.err()).startsWith("aos-ops: shadow run argument: ");
    }

    static String find(String text, String regex) {
        java.util.regex.Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
        return m.group(1);
    }

    /** The session id of a process (field 6 of /proc/PID/stat, after the parenthesised command). */
    static String session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }
}
