package io.aos.ops.golden.shadow;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Where the run's log lines go, in upstream's shape, {@code [TAG] HH:MM:SS message}, so existing habits and greps
 * keep working: a console stream (in colour only when the caller says so), or {@code <output>/shadow.log}, never
 * coloured. A failure to write the file never stops the run.
 */
abstract class ShadowLog implements Closeable {

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

    /** Lines to {@code out}, flushed one by one; tags coloured if {@code color}. */
    static ShadowLog console(PrintStream out, boolean color) {
        return new Console(out, color);
    }

    /** Lines appended to {@code logFile}; on the first failure to write, {@code onFailure} and no more lines. */
    static ShadowLog file(Path logFile, Consumer<IOException> onFailure) throws IOException {
        return new LogFile(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), onFailure);
    }

    /** A tagged line at {@code time}. */
    final synchronized void line(Level level, LocalTime time, String message) {
        String tag = "[" + level.name() + "]";
        String rest = " " + time.format(TIME) + " " + message;
        write(tag + rest, level.color + tag + RESET + rest);
    }

    /** A line without tag or time (banner and report block). */
    final synchronized void plain(String text) {
        write(text, text);
    }

    /** A note for the console only, such as that the log file can no longer be written. */
    synchronized void consoleNote(String text) {
    }

    abstract void write(String plain, String coloured);

    @Override
    public void close() {
    }

    private static final class Console extends ShadowLog {
        private final PrintStream out;
        private final boolean color;

        Console(PrintStream out, boolean color) {
            this.out = out;
            this.color = color;
        }

        @Override
        void write(String plain, String coloured) {
            out.println(color ? coloured : plain);
            out.flush();
        }

        @Override
        synchronized void consoleNote(String text) {
            out.println(text);
            out.flush();
        }
    }

    private static final class LogFile extends ShadowLog {
        private final Consumer<IOException> onFailure;
        private BufferedWriter file;

        LogFile(BufferedWriter file, Consumer<IOException> onFailure) {
            this.file = file;
            this.onFailure = onFailure;
        }

        @Override
        void write(String plain, String coloured) {
            if (file == null) {
                return;
            }
            try {
                file.write(plain);
                file.newLine();
                file.flush();
            } catch (IOException e) {
                close();
                onFailure.accept(e);
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    // The lines written so far are flushed; nothing more to save.
                }
                file = null;
            }
        }
    }
}
