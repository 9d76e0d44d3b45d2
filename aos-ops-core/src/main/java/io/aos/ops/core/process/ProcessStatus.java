package io.aos.ops.core.process;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The result of looking up one process.
 *
 * @param pid         the PID looked up
 * @param state       what was found
 * @param startTime   the start time of the process found under that PID, if the OS says
 * @param commandLine its command line, if the OS says (it may not for other users' processes)
 */
public record ProcessStatus(long pid, ProcessState state, Optional<Instant> startTime, Optional<String> commandLine) {

    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if {@code state}, {@code startTime} or {@code commandLine} is null
     */
    public ProcessStatus {
        checkNotNull(state, "state");
        checkNotNull(startTime, "startTime");
        checkNotNull(commandLine, "commandLine");
    }

    static ProcessStatus notRunning(long pid) {
        return new ProcessStatus(pid, ProcessState.NOT_RUNNING, Optional.empty(), Optional.empty());
    }

    /** {@return whether the process counts as alive: {@link ProcessState#RUNNING} only} */
    public boolean isAlive() {
        return state.isAlive();
    }

    /**
     * How long the process has been running at {@code clock}'s now; empty when not alive or unknown.
     *
     * @param clock gives now
     * @return the time since the process started
     */
    public Optional<Duration> elapsed(Clock clock) {
        if (!isAlive()) {
            return Optional.empty();
        }
        return startTime.map(start -> Duration.between(start, clock.instant())).filter(d -> !d.isNegative());
    }

    /**
     * Elapsed time the way {@code ps -o etime} prints it: {@code [[dd-]hh:]mm:ss}.
     *
     * @param elapsed a non-negative duration
     * @return {@code mm:ss}, {@code hh:mm:ss} or {@code d-hh:mm:ss}
     */
    public static String formatElapsed(Duration elapsed) {
        long s = elapsed.getSeconds();
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            return String.format("%d-%02d:%02d:%02d", days, hours, minutes, seconds);
        }
        if (hours > 0) {
            return String.format("%02d:%02d:%02d", hours, minutes, seconds);
        }
        return String.format("%02d:%02d", minutes, seconds);
    }
}
