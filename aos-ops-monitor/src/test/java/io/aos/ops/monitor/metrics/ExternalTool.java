package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian-packaged tools the metric and alerting ITs run (prometheus, promtool, prometheus-alertmanager, amtool),
 * which .ci/run installs: found on PATH, skipped when missing except under {@code CI=true}, where a missing tool fails.
 *
 * <p>A fixture, not a test: every wait in it is bounded (readiness polls to a deadline, process stops escalate to
 * SIGKILL, HTTP calls carry timeouts), and every test class that starts it carries {@code @Timeout}, which
 * {@code TestTimeoutsTest} (aos-ops-cli) enforces.
 */
final class ExternalTool {

    /** How long a one-shot tool (promtool, amtool) may take. */
    static final Duration RUN_LIMIT = Duration.ofSeconds(40);

    private ExternalTool() {
    }

    /** The executable {@code name} from PATH; {@code debianPackage} is named in the skip or failure message. */
    static Path require(String name, String debianPackage) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = name + " is not on PATH (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; under CI=true this test must run");
        }
        Assumptions.assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }

    /** Runs a one-shot tool to its end (bounded by {@link #RUN_LIMIT}) and returns its exit code and output. */
    static Result run(Path tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // The output is drained beside the wait (a tool whose output fills the pipe would never exit), and the wait
        // is bounded: reading to the end first would block for as long as a hung tool keeps its output open.
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + RUN_LIMIT);
        }
        try {
            return new Result(process.exitValue(),
                    new String(output.get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("output of " + String.join(" ", command) + " could not be read", e);
        }
    }

    /** A port free on 127.0.0.1 at the time of asking (the server that takes it binds moments later). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops a server process: SIGTERM, then SIGKILL if it has not exited within 15 s (or the wait is interrupted). */
    static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    record Result(int exitCode, String output) {
    }
}
