package io.aos.ops.monitor.alert;

import java.io.IOException;

/** Somewhere alerts go. A sink that fails throws; the caller reports it and carries on. */
public interface AlertSink {

    /** A short name for error messages, e.g. {@code webhook https://...}. */
    String name();

    void send(Alert alert) throws IOException;
}
