package io.aos.ops.core.emergency;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's side of the emergency stop: the cheap check a workflow engine makes before every step. This is the
 * stable API for engines; engaging and releasing the stop is {@link EmergencyStopController}'s job.
 *
 * <p>Build one instance with {@link #forConfig(OpsConfig)} and keep it; call {@link #isEngaged()} or {@link #check()}
 * before every step. The answer comes from one {@code stat} of the flag file, cached for at most
 * {@link #DEFAULT_RECHECK_INTERVAL}, so a running engine sees an {@code enable} within about a quarter of a second,
 * without a restart, for the cost of a volatile read and a clock read on most calls. Engines that prefer a callback use
 * {@link #addListener}. {@code WORKFLOW_EMERGENCY_STOP} in the process's environment, set to anything but empty,
 * {@code 0}, {@code false} or {@code no}, also counts as engaged (fail closed: {@code 1}, {@code yes} and typos stop
 * too); it is fixed when the process starts, so it is a start-time guard only.
 *
 * <p><b>Fail closed:</b> if the flag path cannot be checked (permission denied, I/O error, a directory where the file
 * should be) the stop reads as engaged, and {@link #status()} says why.
 *
 * <p>Thread-safe: any number of engine threads may share one instance. Nothing here throws for a broken flag path;
 * only {@link #check()} throws, {@link EmergencyStopEngagedException}, when workflows must not run. {@link #close()}
 * stops the listener thread, if {@link #addListener} started one.
 */
public final class EmergencyStop implements AutoCloseable {

    /**
     * The environment variable the runbook's switch sets; any value but empty, {@code 0}, {@code false} or {@code no}
     * (any case) means stopped.
     */
    public static final String ENV_VAR = "WORKFLOW_EMERGENCY_STOP";

    /** How long one look at the flag file is trusted: an engine sees a change within this interval. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofMillis(250);

    /** The shortest interval at which the listener thread polls, even when caching is switched off. */
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);

    /** A flag file larger than this is not a record we wrote; it still stops engines but is not parsed. */
    private static final long MAX_RECORD_BYTES = 64 * 1024;

    /** Only for a listener that fails: set up on first use, not by every command that reads the flag. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(EmergencyStop.class.getName());
    }

    private final OpsConfig config;
    private final Path flagFile;
    private final Clock clock;
    private final Ticker ticker;
    private final long recheckNanos;
    private final String environmentValue;
    private final boolean environmentEngaged;

    /** The last look at the flag path and when it was taken; null forces the next call to look again. */
    private volatile Snapshot snapshot;

    private final CopyOnWriteArrayList<ListenerState> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;

    private record Snapshot(long checkedAtNanos, FlagCheck check) {
    }

    /** A registered listener and the state it was last told about (touched only by the poller thread). */
    private static final class ListenerState {
        final Consumer<EmergencyStopStatus> listener;
        Boolean lastEngaged;

        ListenerState(Consumer<EmergencyStopStatus> listener) {
            this.listener = listener;
        }
    }

    /** Removes a listener. */
    @FunctionalInterface
    public interface ListenerRegistration extends AutoCloseable {
        @Override
        void close();
    }

    private EmergencyStop(OpsConfig config, Clock clock, Ticker ticker, Duration recheckInterval) {
        this.config = config;
        this.flagFile = config.path(OpsSetting.EMERGENCY_STOP_FILE);
        this.clock = clock;
        this.ticker = ticker;
        this.recheckNanos = recheckInterval.toNanos();
        this.environmentValue = config.env(ENV_VAR).map(String::strip).orElse(null);
        this.environmentEngaged = meansStopped(environmentValue);
    }

    /**
     * The check of the flag file at the paths of {@code config} ({@code AOS_EMERGENCY_STOP_FILE}, or the state
     * directory's default), with the system clock.
     *
     * @param config where the flag file is, and the process environment
     * @return the check; keep it, its cache is what makes a call cheap
     */
    public static EmergencyStop forConfig(OpsConfig config) {
        return forConfig(config, Clock.systemUTC());
    }

    /**
     * The check of the flag file at the paths of {@code config}; {@code clock} measures how long a stop has been in
     * force.
     *
     * @param config where the flag file is, and the process environment
     * @param clock measures durations in {@link EmergencyStopStatus}
     * @return the check
     */
    public static EmergencyStop forConfig(OpsConfig config, Clock clock) {
        checkNotNull(config, "config");
        checkNotNull(clock, "clock");
        return new EmergencyStop(config, clock, Ticker.systemTicker(), DEFAULT_RECHECK_INTERVAL);
    }

    /**
     * A copy that trusts one look at the flag file for {@code interval} instead of the default 250 ms; zero looks on
     * every call (a few microseconds each; see EmergencyStopBenchmark).
     *
     * @param interval how long one look is trusted, zero or more
     * @return the new check; this one is unchanged
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public EmergencyStop withRecheckInterval(Duration interval) {
        checkNotNull(interval, "interval");
        checkArgument(!interval.isNegative(), "recheck interval must not be negative: %s", interval);
        return new EmergencyStop(config, clock, ticker, interval);
    }

    /** A copy reading time for the cache from {@code ticker}, so tests can move it by hand. */
    EmergencyStop withTicker(Ticker ticker) {
        return new EmergencyStop(config, clock, checkNotNull(ticker, "ticker"), Duration.ofNanos(recheckNanos));
    }

    /**
     * {@code WORKFLOW_EMERGENCY_STOP}'s meaning, failing closed: unset, empty, {@code 0}, {@code false} or {@code no}
     * (any case, surrounding blanks ignored) lets workflows run; any other value ({@code true}, {@code 1},
     * {@code yes}, a typo) stops them. Upstream stopped on {@code true} only, so {@code =1} silently did nothing.
     */
    static boolean meansStopped(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("false") || v.equals("no"));
    }

    // ---- the engine's side --------------------------------------------------------------------------------

    /**
     * Whether workflows must not run. Cheap enough to call before every step: it looks at the flag path at most once
     * per recheck interval and otherwise answers from the last look.
     *
     * @return true when the flag file exists, the flag path cannot be checked (fail closed), or this process started
     *     with {@code WORKFLOW_EMERGENCY_STOP} set to a value that stops workflows; false when workflows may run
     */
    public boolean isEngaged() {
        return environmentEngaged || look().engaged();
    }

    /**
     * Returns normally when workflows may run; otherwise throws with who stopped them, when and why.
     *
     * @throws EmergencyStopEngagedException when workflows must not run (also when the flag path cannot be checked)
     */
    public void check() {
        if (isEngaged()) {
            // A fresh read for the details; if the stop was released since the cached look, the engine may run.
            EmergencyStopStatus status = status();
            if (status.engaged()) {
                throw new EmergencyStopEngagedException(status);
            }
        }
    }

    /**
     * The state now, read from disk rather than from the cache (a {@code stat} and, when the flag is there, a read
     * of its record); the look also refreshes the cache {@link #isEngaged()} answers from. Never throws for a broken
     * flag path: that is a status with {@link EmergencyStopStatus.Source#UNREADABLE}.
     *
     * @return who stopped workflows, when, why and for how long; or the running state
     */
    public EmergencyStopStatus status() {
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(ticker.read(), check);
        return statusOf(check);
    }

    private FlagCheck look() {
        Snapshot last = snapshot;
        long now = ticker.read();
        if (last != null && now - last.checkedAtNanos() < recheckNanos) {
            return last.check();
        }
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(now, check);
        return check;
    }

    /** The flag file's record; a file without one (made by hand, or by the old script) still means stopped. */
    EmergencyStopStatus readRecord(FlagCheck check) {
        Instant modified = check.modified() == null ? null : check.modified().toInstant();
        String problem;
        try {
            if (Files.size(flagFile) > MAX_RECORD_BYTES) {
                problem = "flag file is larger than " + MAX_RECORD_BYTES + " bytes, not an aos-ops record";
            } else {
                StopRecord record = OpsJson.mapper().readValue(Files.readAllBytes(flagFile), StopRecord.class);
                Instant since = record.when() != null ? record.when() : modified;
                return new EmergencyStopStatus(true, EmergencyStopStatus.Source.FLAG_FILE, flagFile,
                        record.who(), record.sudoUser(), record.host(), since, durationSince(since),
                        record.reason(), null);
            }
        } catch (NoSuchFileException e) {
            // Released between the stat and the read.
            return statusOf(FlagCheck.of(flagFile));
        } catch (JsonProcessingException e) {
            problem = "flag file holds no aos-ops record (made by hand or by the old script?): "
                    + e.getOriginalMessage();
        } catch (IOException e) {
            problem = "flag file exists but its record cannot be read: " + FlagCheck.problem(e);
        }
        return new EmergencyStopStatus(true, EmergencyStopStatus.Source.FLAG_FILE, flagFile, null, null, null,
                modified, durationSince(modified), null, problem);
    }

    /** From {@code since} to now; negative when {@code since} is in the future (a clock set wrong somewhere). */
    private Duration durationSince(Instant since) {
        return since == null ? null : Duration.between(since, clock.instant());
    }

    // ---- listeners ----------------------------------------------------------------------------------------

    /**
     * Calls {@code listener} with the current state and then on every change between running and stopped, from one
     * background daemon thread ({@code aos-emergency-stop-poller}) that polls at the recheck interval and lives until
     * {@link #close()}. A listener that throws is logged and kept.
     *
     * @param listener told the state; called from the poller thread, one call at a time
     * @return closing it removes the listener
     */
    public ListenerRegistration addListener(Consumer<EmergencyStopStatus> listener) {
        checkNotNull(listener, "listener");
        ListenerState state = new ListenerState(listener);
        listeners.add(state);
        synchronized (this) {
            if (poller == null) {
                poller = Executors.newSingleThreadScheduledExecutor(
                        new ThreadFactoryBuilder().setNameFormat("aos-emergency-stop-poller").setDaemon(true).build());
                long every = Math.max(recheckNanos, MIN_POLL_INTERVAL.toNanos());
                poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.NANOSECONDS);
            } else {
                poller.execute(this::poll);
            }
        }
        return () -> listeners.remove(state);
    }

    private void poll() {
        // A fresh look, not the cache: the cache could add up to one more interval to the listener's delay.
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(ticker.read(), check);
        boolean engaged = environmentEngaged || check.engaged();
        EmergencyStopStatus status = null;
        for (ListenerState state : listeners) {
            if (Objects.equals(state.lastEngaged, engaged)) {
                continue;
            }
            if (status == null) {
                status = status();
            }
            state.lastEngaged = engaged;
            try {
                state.listener.accept(status);
            } catch (RuntimeException e) {
                Log.LOG.log(System.Logger.Level.WARNING, "emergency stop listener failed", e);
            }
        }
    }

    /** Stops the listener thread, if there is one. The stop itself is unaffected. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        listeners.clear();
    }

    // ---- what the operator's side shares -------------------------------------------------------------------

    /**
     * The flag file engines look at: {@code AOS_EMERGENCY_STOP_FILE}, or the state directory's default.
     *
     * @return the flag file's path, fixed when this instance was built; the file itself may or may not exist
     */
    public Path flagFile() {
        return flagFile;
    }

    /**
     * Whether this process's environment stops workflows on its own, whatever the flag file says.
     *
     * @return true when this process started with {@code WORKFLOW_EMERGENCY_STOP} set to a value that stops workflows
     *     (see {@link #environmentValue()}), which no {@code disable} undoes
     */
    public boolean engagedByEnvironment() {
        return environmentEngaged;
    }

    /**
     * {@code WORKFLOW_EMERGENCY_STOP} as this process started with it.
     *
     * @return the value with surrounding blanks stripped, or null when the variable is unset
     */
    public String environmentValue() {
        return environmentValue;
    }

    OpsConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    /** The state a look at the flag path means, reading the record if the flag is there. */
    EmergencyStopStatus statusOf(FlagCheck check) {
        return switch (check.state()) {
            case UNREADABLE -> EmergencyStopStatus.unreadable(flagFile, check.detail());
            case PRESENT -> readRecord(check);
            case ABSENT -> environmentEngaged
                    ? EmergencyStopStatus.environment(flagFile, environmentValue)
                    : EmergencyStopStatus.running(flagFile);
        };
    }

    /** Forgets the cached look, after the flag file was changed by this process. */
    void invalidate() {
        snapshot = null;
    }
}
