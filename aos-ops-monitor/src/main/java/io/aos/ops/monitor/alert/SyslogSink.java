package io.aos.ops.monitor.alert;

import static com.google.common.base.Preconditions.checkNotNull;
import java.io.File;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ControlCharacters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends alerts to syslog through util-linux {@code logger} with a tag ({@code shadow-monitor}), because the JDK cannot
 * write to the {@code /dev/log} datagram socket. Whenever the alert cannot be handed to syslog the line goes to stderr
 * instead, so it is never lost silently: no socket (containers, CI), a path that is not a socket (a FIFO is never
 * opened, so nothing blocks; a regular file), a socket nobody listens on (rsyslog or journald stopped), or
 * {@code logger} failing. {@code logger} is run with {@code --socket-errors=on}: by default it exits 0 without
 * a word when the socket refuses it, unless PID 1 is systemd.
 */
public final class SyslogSink implements AlertSink {

    public static final String TAG = "shadow-monitor";
    /** The environment variable naming another syslog socket than {@link #DEFAULT_SOCKET} (a system path, not state). */
    public static final String SOCKET_ENV = "AOS_SYSLOG_SOCKET";
    public static final Path DEFAULT_SOCKET = Path.of("/dev/log");
    private static final long TIMEOUT_SECONDS = 5;

    private final Path socket;
    private final String tag;
    private final PrintStream fallback;

    public SyslogSink(Path socket, String tag, PrintStream fallback) {
        this.socket = checkNotNull(socket, "socket");
        this.tag = checkNotNull(tag, "tag");
        this.fallback = checkNotNull(fallback, "fallback");
    }

    /**
     * The sink a command uses: the socket named by {@code AOS_SYSLOG_SOCKET} in {@code config}'s environment (blank
     * means unset), else {@code /dev/log}; tag {@code shadow-monitor}; lines go to {@code fallback} without syslog.
     */
    public static SyslogSink forConfig(OpsConfig config, PrintStream fallback) {
        checkNotNull(config, "config");
        Path socket = config.env(SOCKET_ENV).filter(s -> !s.isBlank()).map(Path::of).orElse(DEFAULT_SOCKET);
        return new SyslogSink(socket, TAG, fallback);
    }

    @Override
    public String name() {
        return "syslog " + socket;
    }

    /** The command that sends {@code message} at {@code level}; public so operators can see what runs. */
    public List<String> command(HealthStatus level, String message) {
        String priority = switch (level) {
            case CRITICAL -> "user.crit";
            case WARNING, UNKNOWN -> "user.warning";
            case OK -> "user.notice";
        };
        return List.of("logger", "--socket-errors=on", "-t", tag, "-p", priority, "-u", socket.toString(), "--",
                message);
    }

    @Override
    public void send(Alert alert) {
        // one syslog entry, one stderr line: a line break would split it, an ESC act on the terminal
        String message = alert.level() + ": " + ControlCharacters.oneLine(alert.message());
        if (!isSocket(socket) || !runLogger(command(alert.level(), message))) {
            fallback.println(tag + ": " + message);
        }
    }

    /**
     * True if {@code path} is a socket, through links ({@code /dev/log} is often a link to journald's). Where the
     * platform has no unix attributes, anything there is taken and {@code logger} left to say.
     */
    static boolean isSocket(Path path) {
        try {
            return (((Integer) Files.getAttribute(path, "unix:mode")) & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.exists(path);
        } catch (IOException | SecurityException | ClassCastException e) {
            return false;
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private static boolean runLogger(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
