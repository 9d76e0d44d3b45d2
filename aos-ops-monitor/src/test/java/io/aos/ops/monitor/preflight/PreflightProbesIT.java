package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each network probe against a real server started here: HTTP, redis-server, a garbage TCP server, a Docker socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreflightProbesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    static HttpServer http(int status, String body, CountDownLatch hold) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            try {
                if (hold != null) {
                    hold.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    static URI healthUrl(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    @Test
    void backendHealthyIsOkAndEveryOtherAnswerIsCriticalWithWhatWasSeen() throws Exception {
        HttpServer healthy = http(200, "{\"status\":\"healthy\"}", null);
        HttpServer degraded = http(200, "{\"status\":\"degraded\"}", null);
        HttpServer down = http(503, "{\"status\":\"ok\"}", null);
        HttpServer html = http(200, "<html>hi</html>", null);
        CountDownLatch hold = new CountDownLatch(1);
        HttpServer slow = http(200, "{\"status\":\"ok\"}", hold);
        try {
            assertThat(new BackendHealthProbe(healthUrl(healthy), TIMEOUT).check().status()).isEqualTo(HealthStatus.OK);
            assertThat(new BackendHealthProbe(healthUrl(degraded), TIMEOUT).check().message())
                    .endsWith(": HTTP 200, status 'degraded'");
            assertThat(new BackendHealthProbe(healthUrl(down), TIMEOUT).check().message())
                    .endsWith(": HTTP 503, status 'ok'");
            ProbeResult notJson = new BackendHealthProbe(healthUrl(html), TIMEOUT).check();
            assertThat(notJson.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(notJson.message()).endsWith("HTTP 200, body is not JSON: '<html>hi</html>'");
            ProbeResult timeout = new BackendHealthProbe(healthUrl(slow), TIMEOUT).check();
            assertThat(timeout.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(timeout.message()).endsWith(": no answer within 2000 ms");
        } finally {
            hold.countDown();
            Stream.of(healthy, degraded, down, html, slow).forEach(s -> s.stop(0));
        }
        ProbeResult refused = new BackendHealthProbe(URI.create("http://127.0.0.1:" + freePort() + "/health"),
                TIMEOUT).check();
        assertThat(refused.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(refused.message()).endsWith(": connection refused or unreachable");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void redisAnswersPongWithThePasswordFromTheUrlAndRefusesAWrongOne() throws Exception {
        try (RedisServerFixture redis = RedisServerFixture.start(tmp, "s3cret")) {
            ProbeResult ok = new RedisPingProbe(URI.create("redis://:s3cret@127.0.0.1:" + redis.port()), TIMEOUT)
                    .check();
            ProbeResult wrong = new RedisPingProbe(URI.create("redis://:nope@127.0.0.1:" + redis.port()), TIMEOUT)
                    .check();
            ProbeResult none = new RedisPingProbe(URI.create("redis://127.0.0.1:" + redis.port()), TIMEOUT).check();

            assertThat(ok.status()).as(ok.message()).isEqualTo(HealthStatus.OK);
            assertThat(ok.message()).isEqualTo("Redis redis://127.0.0.1:" + redis.port() + ": PONG");
            assertThat(wrong.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(wrong.message()).doesNotContain("nope");
            assertThat(none.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(none.message()).contains("NOAUTH");
        }
    }

    @Test
    void aServerThatIsNotRedisIsCritical() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (Socket s = garbage.accept()) {
                        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        InputStream in = s.getInputStream();
                        in.read(new byte[256]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();

            ProbeResult r = new RedisPingProbe(URI.create("redis://127.0.0.1:" + garbage.getLocalPort()), TIMEOUT)
                    .check();

            assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(r.message()).startsWith("Redis redis://127.0.0.1:" + garbage.getLocalPort()
                    + ": answered something that is not Redis");
        }
    }

    /** A Unix socket answering GET /containers/json as the Engine API documents (chunked, as Go servers send it). */
    static Thread dockerApi(ServerSocketChannel server, String json) {
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(4096);
                    StringBuilder request = new StringBuilder();
                    while (!request.toString().contains("\r\n\r\n") && c.read(in) > 0) {
                        request.append(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                        in.clear();
                    }
                    String body = request.toString().startsWith("GET /containers/json HTTP/1.1\r\n") ? json : null;
                    String response = body == null ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                            : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.43\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                            + body + "\r\n0\r\n\r\n";
                    c.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void workersAreFoundThroughTheDockerApiOnItsSocket() throws Exception {
        Path socket = tmp.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            dockerApi(server, "[{\"Id\":\"a1\",\"Names\":[\"/aos-worker-1\"],\"Image\":\"aos/worker:4\","
                    + "\"State\":\"running\"},{\"Id\":\"b2\",\"Names\":[\"/redis\"],\"Image\":\"redis:7\","
                    + "\"State\":\"running\"}]");
            DockerEngine docker = new DockerEngine(socket, TIMEOUT);

            ProbeResult found = new WorkerProbe(Optional.of(docker), Pattern.compile("worker|backend"),
                    Stream::empty).check();
            ProbeResult none = new WorkerProbe(Optional.of(docker), Pattern.compile("backend"), Stream::empty).check();

            assertThat(found.status()).isEqualTo(HealthStatus.OK);
            assertThat(found.message()).isEqualTo("1 container(s) match 'worker|backend': aos-worker-1");
            assertThat(none.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(none.message()).isEqualTo("No worker: nothing matches 'backend' (Docker at " + socket
                    + ": 2 running container(s), none matches; no process either)");
        }
    }

    @Test
    void withoutDockerTheProcessTableIsSearched() throws Exception {
        String marker = "aosit-worker-" + ProcessHandle.current().pid();
        Process worker = new ProcessBuilder("sh", "-c", "sleep 60; :", marker).start();
        try {
            Path noSocket = tmp.resolve("absent.sock");
            WorkerProbe probe = new WorkerProbe(Optional.of(new DockerEngine(noSocket, TIMEOUT)),
                    Pattern.compile(Pattern.quote(marker)), ProcessHandle::allProcesses);

            ProbeResult found = probe.check();
            assertThat(found.status()).as(found.message()).isEqualTo(HealthStatus.OK);
            assertThat(found.message()).startsWith("1 process(es) match '" + Pattern.quote(marker) + "' (no Docker "
                    + "socket at " + noSocket + "): " + worker.pid() + " ");

            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            ProbeResult gone = probe.check();
            assertThat(gone.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(gone.message()).contains("no Docker socket at " + noSocket + "; no process either");
        } finally {
            worker.destroyForcibly();
        }
    }

    @Test
    void aDockerSocketThatAnswersGarbageFallsBackToTheProcessTableAndSaysSo() throws Exception {
        Path socket = tmp.resolve("bad.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            dockerApi(server, "{\"message\":\"not a list\"}");

            ProbeResult r = new WorkerProbe(Optional.of(new DockerEngine(socket, TIMEOUT)),
                    Pattern.compile("no-such-worker-xyz"), Stream::empty).check();

            assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(r.message()).contains("Docker at " + socket + " did not answer: GET /containers/json: "
                    + "expected a JSON list, got OBJECT");
        }
        assertThat(Files.exists(socket)).isTrue(); // the test's own socket file, removed with the temp dir
    }
}
