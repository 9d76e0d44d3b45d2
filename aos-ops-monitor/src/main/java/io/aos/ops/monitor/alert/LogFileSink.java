package io.aos.ops.monitor.alert;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Appends {@link Alert#logLine()} to a log file, one durable write per line. */
public final class LogFileSink implements AlertSink {

    private final Path file;

    public LogFileSink(Path file) {
        this.file = checkNotNull(file, "file");
    }

    @Override
    public String name() {
        return "log " + file;
    }

    @Override
    public void send(Alert alert) throws IOException {
        AtomicFiles.appendLine(file, alert.logLine());
    }
}
