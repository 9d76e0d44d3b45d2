package io.aos.ops.monitor.log;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed line of a shadow-run log: upstream's {@code <COLOR>[TAG]<RESET> HH:MM:SS <message>},
 * with the ANSI colour codes that upstream writes into the file removed.
 *
 * @param tag     INFO, WARN, ERROR or STEP; empty for untagged lines (banner, report block)
 * @param time    the {@code HH:MM:SS} of a tagged line; empty otherwise
 * @param message the text after the time (or the whole line, without colour codes, when untagged)
 * @param event   what the line says
 */
public record LogLine(Optional<String> tag, Optional<String> time, String message, LogEvent event) {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern TAGGED =
            Pattern.compile("^\\[(INFO|WARN|ERROR|STEP)]\\s+(\\d{1,2}:\\d{2}:\\d{2})\\s?(.*)$");
    private static final Pattern RUNNING = Pattern.compile("^Running cycle (\\d+)\\b");
    private static final Pattern CYCLE_RESULT = Pattern.compile(
            "^Cycle (\\d+): (\\d+) workflows?, (\\d+) replays?, (\\d+) mismatch(?:es)?\\s*$");
    private static final Pattern CYCLE_DETECTED = Pattern.compile("^Cycle (\\d+): (\\d+) mismatch(?:es)? detected");
    private static final Pattern ALERT_DETECTED = Pattern.compile(
            "^ALERT: Shadow simulation detected (\\d+) mismatch(?:es)? in cycle (\\d+)");
    private static final Pattern PROGRESS = Pattern.compile(
            "^Progress: (\\d+) cycles?, (\\d+) workflows?, (\\d+) mismatch(?:es)?(?:, (\\d+)s remaining)?");
    private static final Pattern COMPLETED_ALERT = Pattern.compile(
            "^ALERT: Shadow simulation completed successfully: (\\d+) workflows?, (\\d+) replays?, (\\d+) mismatch");
    private static final Pattern COMPLETE = Pattern.compile("^Shadow simulation complete\\b");
    private static final Pattern DETECTED_ACROSS =
            Pattern.compile("^Detected (\\d+) mismatch(?:es)? across (\\d+) replays?");
    private static final Pattern ALL_MATCHED = Pattern.compile("^All (\\d+) shadow replays matched");
    private static final Pattern REPORT_FIELD = Pattern.compile(
            "^(Cycles Completed|Total Workflows|Total Replays|Mismatches|Primary Workers):\\s+(\\d+)\\s*$");

    public LogLine {
        checkNotNull(tag, "tag");
        checkNotNull(time, "time");
        checkNotNull(message, "message");
        checkNotNull(event, "event");
    }

    /** Removes ANSI colour codes (upstream writes them into the log file). */
    public static String stripColour(String line) {
        return line.indexOf('\u001B') < 0 ? line : ANSI.matcher(line).replaceAll("");
    }

    /**
     * True for the run's completion line, {@code Shadow simulation complete...} (tagged or not, colour codes
     * ignored): the line the runbook greps for before it wraps a run up.
     */
    public static boolean isCompletion(String raw) {
        String line = stripColour(raw).strip();
        Matcher tagged = line.startsWith("[") ? TAGGED.matcher(line) : null;
        String message = tagged != null && tagged.matches() ? tagged.group(3).strip() : line;
        return COMPLETE.matcher(message).find();
    }

    /** Parses one line; never fails: a line it does not know is {@link LogEvent.Other}. */
    public static LogLine parse(String raw) {
        String line = stripColour(raw);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        Matcher tagged = line.startsWith("[") ? TAGGED.matcher(line) : null;
        if (tagged != null && tagged.matches()) {
            String message = tagged.group(3).strip();
            return new LogLine(Optional.of(tagged.group(1)), Optional.of(tagged.group(2)), message,
                    taggedEvent(message));
        }
        String text = line.strip();
        return new LogLine(Optional.empty(), Optional.empty(), text, untaggedEvent(text));
    }

    private static LogEvent taggedEvent(String message) {
        Matcher m;
        switch (message.isEmpty() ? ' ' : message.charAt(0)) {
            case 'R':
                m = RUNNING.matcher(message);
                if (m.find()) {
                    return new LogEvent.CycleStarted(num(m, 1));
                }
                break;
            case 'C':
                m = CYCLE_RESULT.matcher(message);
                if (m.find()) {
                    return new LogEvent.CycleFinished(num(m, 1), num(m, 2), num(m, 3), num(m, 4));
                }
                m = CYCLE_DETECTED.matcher(message);
                if (m.find()) {
                    return new LogEvent.CycleMismatches(num(m, 1), num(m, 2));
                }
                break;
            case 'P':
                m = PROGRESS.matcher(message);
                if (m.find()) {
                    return new LogEvent.Progress(num(m, 1), num(m, 2), num(m, 3),
                            m.group(4) == null ? -1 : num(m, 4));
                }
                break;
            case 'A':
                m = ALERT_DETECTED.matcher(message);
                if (m.find()) {
                    return new LogEvent.CycleMismatches(num(m, 2), num(m, 1));
                }
                m = COMPLETED_ALERT.matcher(message);
                if (m.find()) {
                    return new LogEvent.Finished(num(m, 3) == 0, num(m, 3), num(m, 2));
                }
                m = ALL_MATCHED.matcher(message);
                if (m.find()) {
                    return new LogEvent.Finished(true, 0, num(m, 1));
                }
                break;
            case 'D':
                m = DETECTED_ACROSS.matcher(message);
                if (m.find()) {
                    return new LogEvent.Finished(false, num(m, 1), num(m, 2));
                }
                break;
            case 'S':
                if (message.startsWith("Shutting down shadow simulation")) {
                    return new LogEvent.Shutdown();
                }
                if (COMPLETE.matcher(message).find()) {
                    return new LogEvent.Finished(true, -1, -1);
                }
                break;
            default:
                break;
        }
        return verdict(message);
    }

    private static LogEvent untaggedEvent(String text) {
        Matcher m = REPORT_FIELD.matcher(text);
        if (m.find()) {
            return new LogEvent.ReportField(m.group(1), num(m, 2));
        }
        m = ALL_MATCHED.matcher(text);
        if (m.find()) {
            return new LogEvent.Finished(true, 0, num(m, 1));
        }
        m = DETECTED_ACROSS.matcher(text);
        if (m.find()) {
            return new LogEvent.Finished(false, num(m, 1), num(m, 2));
        }
        if (COMPLETE.matcher(text).find()) {
            return new LogEvent.Finished(true, -1, -1);
        }
        return verdict(text);
    }

    private static LogEvent verdict(String text) {
        if (text.endsWith("SHADOW SIMULATION PASSED")) {
            return new LogEvent.Finished(true, -1, -1);
        }
        if (text.endsWith("SHADOW SIMULATION FAILED")) {
            return new LogEvent.Finished(false, -1, -1);
        }
        return new LogEvent.Other();
    }

    private static long num(Matcher m, int group) {
        String digits = m.group(group);
        // More digits than a long holds is not a count any run produces; treat it as the largest count.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
