package io.aos.ops.golden.shadow;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The run's log lines in upstream's shape, {@code [TAG] HH:MM:SS message}, so existing habits and greps keep
 * working. Written to stdout (in colour only when the caller says stdout is a terminal and NO_COLOR is unset) and,
 * never coloured, to {@code <output>/shadow.log}. A failure to write the file never stops the run.
 */
final class ShadowLog implements Closeable {

    /** Upstream's separator rule: 63 times U+2550. */
    static final String RULE = "═".repeat(63);

    enum Level {
        INFO("\033[0;32m"), WARN("\033[1;33m"), ERROR("\033[0;31m"), STEP("\033[0;34m");

        final String color;

        Level(String color) {
            this.color = color;
        }
    }

    private static final String RESET = "\033[0m";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final boolean color;
    private final Clock clock;
    private BufferedWriter file;

    ShadowLog(PrintStream out, boolean color, Clock clock) {
        this.out = out;
        this.color = color;
        this.clock = clock;
    }

    /** Also writes every line to {@code logFile} from now on (appending). */
    synchronized void teeTo(Path logFile) throws IOException {
        file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    void info(String message) {
        line(Level.INFO, message);
    }

    void warn(String message) {
        line(Level.WARN, message);
    }

    void error(String message) {
        line(Level.ERROR, message);
    }

    void step(String message) {
        line(Level.STEP, message);
    }

    synchronized void line(Level level, String message) {
        String time = LocalTime.now(clock).format(TIME);
        String tag = "[" + level.name() + "]";
        out.println((color ? level.color + tag + RESET : tag) + " " + time + " " + message);
        out.flush();
        toFile(tag + " " + time + " " + message);
    }

    /** A line without tag or time (banner and report block). */
    synchronized void plain(String text) {
        out.println(text);
        out.flush();
        toFile(text);
    }

    private void toFile(String text) {
        if (file == null) {
            return;
        }
        try {
            file.write(text);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            file = null;
            out.println("[WARN] cannot write the log file any more (" + e.getMessage() + "); stdout only from now on");
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // The lines are already on stdout.
            }
            file = null;
        }
    }
}
