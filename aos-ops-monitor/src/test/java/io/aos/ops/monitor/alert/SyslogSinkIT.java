package io.aos.ops.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SyslogSinkIT {

    @TempDir
    Path tmp;

    @Test
    void anAlertReachesTheSyslogSocketNamedByTheEnvironmentThroughLoggerWithTheShadowMonitorTag() throws Exception {
        assumeThat(Path.of("/usr/bin/logger")).exists();
        Path socket = tmp.resolve("log.sock");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SyslogSink sink = SyslogSink.forConfig(
                    OpsConfig.rootedAt(tmp, Map.of(SyslogSink.SOCKET_ENV, socket.toString())),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(sink.name()).isEqualTo("syslog " + socket);

            // logger connects (the backlog accepts it), writes and exits; the bytes wait in the socket for us
            sink.send(new Alert("ts", HealthStatus.CRITICAL, "mismatches", Alert.Event.RAISED,
                    "MISMATCHES DETECTED: 3 mismatches in cycle 12 (3)"));

            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                while (client.read(buffer) > 0) {
                    received.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                assertThat(received.toString(StandardCharsets.UTF_8))
                        .contains("shadow-monitor")
                        .contains("CRITICAL: MISMATCHES DETECTED: 3 mismatches in cycle 12 (3)")
                        .startsWith("<10>"); // user.crit = facility 1 * 8 + severity 2
            }
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutTheEnvironmentVariableTheSocketIsDevLog() {
        SyslogSink sink = SyslogSink.forConfig(OpsConfig.rootedAt(tmp, Map.of(SyslogSink.SOCKET_ENV, " ")),
                System.err);
        assertThat(sink.name()).isEqualTo("syslog /dev/log");
        assertThat(Files.exists(tmp.resolve("log.sock"))).isFalse();
    }

    /** What the sink prints on stderr for one alert sent to {@code socket}. */
    private String fallbackFor(Path socket) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SyslogSink sink = SyslogSink.forConfig(OpsConfig.rootedAt(tmp, Map.of(SyslogSink.SOCKET_ENV, socket.toString())),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        sink.send(new Alert("ts", HealthStatus.CRITICAL, "process", Alert.Event.RAISED, "Shadow process DEAD"));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSocketNobodyListensOnFallsBackToStderr() throws Exception {
        assumeThat(Path.of("/usr/bin/logger")).exists();
        Path socket = tmp.resolve("dead.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket)); // the socket file stays once closed, as rsyslog's does
        }
        assertThat(socket).exists();

        assertThat(fallbackFor(socket)).isEqualTo("shadow-monitor: CRITICAL: Shadow process DEAD" + System.lineSeparator());
    }

    @Test
    void aFifoInPlaceOfTheSocketFallsBackToStderrWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("log.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).isZero();

        assertThat(fallbackFor(fifo)).isEqualTo("shadow-monitor: CRITICAL: Shadow process DEAD" + System.lineSeparator());
    }

    @Test
    void aRegularFileOrADirectoryInPlaceOfTheSocketFallsBackToStderr() throws Exception {
        Path file = Files.writeString(tmp.resolve("log.txt"), "");
        assertThat(fallbackFor(file)).contains("shadow-monitor: CRITICAL: Shadow process DEAD");
        assertThat(Files.readString(file)).isEmpty();
        assertThat(fallbackFor(tmp)).contains("shadow-monitor: CRITICAL: Shadow process DEAD");
    }

    @Test
    void aMissingSocketFallsBackToStderr() {
        assertThat(fallbackFor(tmp.resolve("none.sock"))).contains("shadow-monitor: CRITICAL: Shadow process DEAD");
    }

    @Test
    void loggerIsAskedToReportSocketErrors() {
        assertThat(new SyslogSink(Path.of("/dev/log"), "t", System.err).command(HealthStatus.WARNING, "m"))
                .containsExactly("logger", "--socket-errors=on", "-t", "t", "-p", "user.warning", "-u", "/dev/log",
                        "--", "m");
    }
}
