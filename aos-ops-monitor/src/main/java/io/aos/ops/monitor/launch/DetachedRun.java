package io.aos.ops.monitor.launch;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.OperationFailedException;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.monitor.log.LastLines;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The runbook's {@code nohup run_shadow_simulation.sh ... >> /var/lib/aos/shadow_24h_<ts>.log 2>&1 &}, done so that it
 * survives the terminal: the runner starts in a session of its own ({@code setsid}, so the terminal's hangup never
 * reaches it, where nohup only ignored it), stdin from {@code /dev/null}, stdout and stderr appended to the log.
 *
 * <p>{@link #start} waits until the run has written its {@code status.json} (so a monitor can be pointed at the run
 * directory) or has ended; a runner that ends at once with a failure is an error with the log's last lines.
 */
public final class DetachedRun {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path log;
    private final Path runDir;

    public DetachedRun(Path log, Path runDir) {
        this.log = checkNotNull(log, "log").toAbsolutePath();
        this.runDir = checkNotNull(runDir, "runDir").toAbsolutePath();
    }

    /**
     * What {@link #start} did.
     *
     * @param pid      the runner's PID
     * @param exitCode the runner's exit code if it has already ended (a short run may), else empty
     */
    public record Started(long pid, Optional<Integer> exitCode) {
    }

    /** Starts {@code command} detached, then waits up to {@code wait} for the run's heartbeat or its end. */
    public Started start(List<String> command, Duration wait) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        Process child = new ProcessBuilder(full)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Path status = ShadowRunLayout.of(runDir).statusFile();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (child.waitFor(100, TimeUnit.MILLISECONDS)) {
                    int code = child.exitValue();
                    if (code != 0 && !Files.isRegularFile(status)) {
                        throw new OperationFailedException("the shadow run exited at once with status " + code
                                + "; last lines of " + log + ": " + String.join(" | ", LastLines.of(log, 3, true)));
                    }
                    return new Started(child.pid(), Optional.of(code));
                }
                if (Files.isRegularFile(status)) {
                    return new Started(child.pid(), Optional.empty());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Started(child.pid(), Optional.empty());
    }

    public Path log() {
        return log;
    }

    public Path runDir() {
        return runDir;
    }
}
