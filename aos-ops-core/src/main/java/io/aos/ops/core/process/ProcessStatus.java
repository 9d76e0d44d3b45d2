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
        if (s < 0) {
            // not a start in the past (a clock stepped back): minutes and seconds, as they always were written
            return String.format("%02d:%02d", minutes, seconds);
        }
        // (no String.format: its Formatter and patterns cost a cron check some milliseconds of start-up)
        StringBuilder sb = new StringBuilder(16);
        if (days > 0) {
            sb.append(days).append('-');
        }
        if (days > 0 || hours > 0) {
            twoDigits(sb, hours).append(':');
        }
        return twoDigits(twoDigits(sb, minutes).append(':'), seconds).toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, long n) {
        return (n < 10 ? sb.append('0') : sb).append(n);
    }
}
