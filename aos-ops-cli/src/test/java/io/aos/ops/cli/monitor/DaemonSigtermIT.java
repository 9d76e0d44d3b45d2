package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.AosOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon, a real JVM from the built jar, watching a run whose {@code reports/cycle_4.json} is a FIFO: it still
 * checks and logs, and SIGTERM ends it (with its PID file removed) within a generous bound.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DaemonSigtermIT {

    static final Path JAR = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath();

    @TempDir
    Path tmp;
    Path state;
    Path runDir;
    Path fifo;
    Process daemon;

    @BeforeEach
    void aRunWithAFifoReport() throws Exception {
        state = tmp.resolve("state");
        runDir = tmp.resolve("runs/shadow_simulation_20261128_020000");
        Files.createDirectories(runDir.resolve("reports"));
        Files.createDirectories(runDir.resolve("golden"));
        for (int n = 1; n <= 3; n++) {
            Files.writeString(runDir.resolve("reports/cycle_" + n + ".json"), "{\"primary\": {\"total\": 9}, "
                    + "\"shadow\": {\"total_replays\": 9, \"matches\": 9, \"mismatches\": 0}, \"passed\": true}\n");
        }
        fifo = runDir.resolve("reports/cycle_4.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // releases a reader left blocked on the FIFO by a failing run: an O_RDWR open of a FIFO never blocks
        new ProcessBuilder("sh", "-c", "exec 3<>\"$1\"", "sh", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void theDaemonChecksARunWithAFifoAndStopsOnSigtermWithItsPidFileRemoved() throws Exception {
        Path log = state.resolve("shadow_monitor.log");
        Path pidFile = state.resolve("shadow_monitor.pid");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx128m", "-Daos.ops.daemon=shadow_monitor_daemon", "-cp", JAR.toString(),
                AosOps.class.getName(), "monitor", "daemon", "--interval", "1", "--run-dir", runDir.toString())
                .redirectOutput(tmp.resolve("daemon.out").toFile())
                .redirectError(tmp.resolve("daemon.err").toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog").toString());
        pb.environment().remove("SHADOW_HOOK");
        daemon = pb.start();

        // two checks logged, each naming the FIFO: the loop goes on past it
        for (int i = 0; i < 600 && countStatusLines(log) < 2 && daemon.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertThat(countStatusLines(log)).as("status lines in %s; stderr: %s", log,
                Files.readString(tmp.resolve("daemon.err"))).isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(log)).contains("is a FIFO, not a regular file");
        assertThat(pidFile).exists();

        daemon.destroy(); // SIGTERM

        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("the daemon exited after SIGTERM").isTrue();
        assertThat(pidFile).doesNotExist();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(lines.size() - 1)).contains("Monitor stopped");
    }

    private static long countStatusLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains(": PID=")).count();
    }
}
