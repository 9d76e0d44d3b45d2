package io.aos.ops.monitor.daemon;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.alert.AlertDispatcher;
import io.aos.ops.monitor.alert.AlertTracker;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The monitor loop: a check at start, then one every interval, until {@link #requestStop()}. Each check appends
 * exactly one status line to the monitor log; alerts go to the sinks only when a condition starts, changes or
 * clears. A check that throws is logged as one UNKNOWN line and the loop goes on; so does a sink that fails.
 *
 * <p>Stopping never waits on a check for long: the wait between checks ends at once on {@link #requestStop()}, no
 * check opens anything but regular files (a FIFO in the run would otherwise block it for good), and
 * {@link #stopWithin} gives up on a check that does not finish in time, so SIGTERM ends the daemon within seconds.
 */
public final class MonitorDaemon {

    private final HealthCheck check;
    private final Duration interval;
    private final Path monitorLog;
    private final AlertTracker tracker = new AlertTracker();
    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Consumer<HealthReport> afterCheck = report -> { };
    private volatile Consumer<List<Alert>> afterAlerts = alerts -> { };

    /**
     * The check interval: {@code --interval}/{@code AOS_MONITOR_INTERVAL} as {@code config} has it (300 s by
     * default); under 1 s is a usage error, since a daemon that never sleeps only burns the CPU it watches.
     */
    public static Duration interval(OpsConfig config) {
        int seconds = config.intValue(OpsSetting.MONITOR_INTERVAL);
        if (seconds < 1) {
            throw new BadConfigurationException("the interval must be at least 1 second, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    public MonitorDaemon(HealthCheck check, Duration interval, Path monitorLog, AlertDispatcher dispatcher,
                         Clock clock) {
        checkArgument(!interval.isNegative() && !interval.isZero(), "the interval must be positive, got %s", interval);
        this.check = checkNotNull(check, "check");
        this.interval = interval;
        this.monitorLog = checkNotNull(monitorLog, "monitorLog");
        // Named now, as a bad input: a FIFO there would otherwise fail the first line written, as an internal error.
        DaemonControl.checkMonitorLog(monitorLog);
        this.dispatcher = checkNotNull(dispatcher, "dispatcher");
        this.clock = checkNotNull(clock, "clock");
    }

    /** Runs checks until stopped; returns when the loop has ended. */
    public void run() {
        try {
            note("Monitor started (PID " + ProcessHandle.current().pid() + ", interval " + interval.getSeconds()
                    + "s)");
            do {
                try {
                    checkOnce();
                } catch (RuntimeException e) {
                    // e.g. the monitor log is on a full disk: say so where it can be seen, and keep checking
                    System.err.println("[" + HealthReport.TIMESTAMP.format(OffsetDateTime.now(clock))
                            + "] UNKNOWN: check failed: " + e.getMessage());
                }
            } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
            note("Monitor stopped (PID " + ProcessHandle.current().pid() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /** One check: one status line, then the alerts it causes. */
    public HealthReport checkOnce() {
        HealthReport report;
        try {
            report = check.check();
        } catch (RuntimeException e) {
            note("UNKNOWN: check failed: " + e.getMessage());
            return null;
        }
        append(report.statusLine());
        try {
            afterCheck.accept(report);
        } catch (RuntimeException e) {
            note("WARNING: after-check step failed: " + e.getMessage());
        }
        List<Alert> alerts = tracker.update(report);
        for (String failure : dispatcher.dispatch(alerts)) {
            note("WARNING: " + failure);
        }
        if (!alerts.isEmpty()) {
            try {
                afterAlerts.accept(alerts);
            } catch (RuntimeException e) {
                note("WARNING: after-alerts step failed: " + e.getMessage());
            }
        }
        return report;
    }

    /** Runs {@code listener} after each check's status line (e.g. to export metrics); its failures are noted. */
    public void afterCheck(Consumer<HealthReport> listener) {
        this.afterCheck = checkNotNull(listener, "listener");
    }

    /** Runs {@code listener} with the alerts of each check that raised, changed or cleared any (e.g. to show them). */
    public void afterAlerts(Consumer<List<Alert>> listener) {
        this.afterAlerts = checkNotNull(listener, "listener");
    }

    /** Asks the loop to stop after the current check. */
    public void requestStop() {
        stop.countDown();
    }

    /** Waits up to {@code timeout} for the loop to end; true if it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * For a shutdown hook: asks the loop to stop and waits up to {@code timeout} for it; if a check is still running
     * then, notes that the monitor stopped without it (the JVM ends it when the hook returns). True if the loop ended.
     */
    public boolean stopWithin(Duration timeout) {
        requestStop();
        try {
            if (awaitFinished(timeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            note("Monitor stopped (PID " + ProcessHandle.current().pid() + ") during a check that did not finish "
                    + "within " + timeout.toSeconds() + "s");
        } catch (RuntimeException e) {
            // the log cannot be written: the exit itself still matters more
        }
        return false;
    }

    private void note(String message) {
        append("[" + HealthReport.TIMESTAMP.format(OffsetDateTime.now(clock)) + "] " + message);
    }

    private void append(String line) {
        try {
            AtomicFiles.appendLine(monitorLog, line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + monitorLog, e);
        }
    }
}
