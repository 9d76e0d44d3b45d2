package io.aos.ops.monitor.alert;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Appends each alert as one JSON object per line ({@code shadow_alerts.json}), properly escaped (upstream built the
 * line with echo and no escaping).
 */
public final class JsonLinesSink implements AlertSink {

    private final Path file;

    public JsonLinesSink(Path file) {
        this.file = checkNotNull(file, "file");
    }

    @Override
    public String name() {
        return "alerts file " + file;
    }

    @Override
    public void send(Alert alert) throws IOException {
        AtomicFiles.appendLine(file, OpsJson.mapper().writeValueAsString(alert.toJson()));
    }
}
