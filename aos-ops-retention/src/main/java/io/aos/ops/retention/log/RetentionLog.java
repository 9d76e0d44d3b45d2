package io.aos.ops.retention.log;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * The retention action log: one plain-text line per action, {@code [<ISO-8601 time>] <message>}, appended and
 * forced to disk, never with colour codes. Each line is also handed to {@code echo} (the console), like
 * upstream's {@code tee -a}. A control character in a message (a file or directory name may hold a newline or an
 * escape sequence) is written escaped ({@code \n}, {@code \x1b}), so a name can neither add a line to the log that
 * looks like the tool's own nor drive the operator's terminal.
 *
 * <p>Thread-safe as far as its file goes: each line is one forced append, so lines from several threads or
 * processes never interleave; the {@code echo} consumer must be thread-safe if the log is shared.
 */
public final class RetentionLog {

    private final Path file;
    private final Clock clock;
    private final Consumer<String> echo;

    /**
     * A log appending to {@code file}.
     *
     * @param file  the log file, or null to write no file
     * @param clock stamps each line
     * @param echo  receives each message (the console)
     */
    public RetentionLog(Path file, Clock clock, Consumer<String> echo) {
        this.file = file;
        this.clock = clock;
        this.echo = echo;
    }

    /**
     * A log that writes nowhere and echoes nothing (dry runs of services, tests).
     *
     * @param clock stamps lines (none are written)
     * @return the log
     */
    public static RetentionLog discarding(Clock clock) {
        return new RetentionLog(null, clock, line -> { });
    }

    /**
     * Logs one action; the console gets the bare message, the file gets it with a timestamp.
     *
     * @param message the message
     * @throws io.aos.ops.core.AosOpsException naming the log file if it cannot be appended to
     */
    public void action(String message) {
        message = ControlCharacters.oneLine(message);
        echo.accept(message);
        if (file == null) {
            return;
        }
        String stamp = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        try {
            AtomicFiles.appendLine(file, "[" + stamp + "] " + message);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot append to the retention log: " + e.getMessage(), e);
        }
    }

    /**
     * Prints to the console only (listings that are not actions, such as each file of a dry run).
     *
     * @param message the message
     */
    public void say(String message) {
        echo.accept(ControlCharacters.oneLine(message));
    }

    /** {@return the log file, or null when it writes none} */
    public Path file() {
        return file;
    }
}
