package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on a free loopback port, its files in a temp dir; stopped on close.
 *
 * <p>A fixture, not a test: every wait in it is bounded (readiness polls to a deadline, process stops escalate to
 * SIGKILL, HTTP calls carry timeouts), and every test class that starts it carries {@code @Timeout}, which
 * {@code TestTimeoutsTest} (aos-ops-cli) enforces.
 */
final class RedisServerFixture implements AutoCloseable {

    /** How long redis-server may take to listen. */
    private static final long READY_SECONDS = 20;

    private final Process process;
    private final int port;

    private RedisServerFixture(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServerFixture start(Path tmp, String password) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createDirectories(tmp.resolve("redis-" + port));
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        boolean up = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (!up && process.isAlive() && System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                up = probe.isConnected();
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        if (!up) {
            process.destroyForcibly();
        }
        assertThat(up).as("redis-server listening on " + port + " within " + READY_SECONDS
                        + " s (is redis-server installed? .ci/run installs it)")
                .isTrue();
        return new RedisServerFixture(process, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
