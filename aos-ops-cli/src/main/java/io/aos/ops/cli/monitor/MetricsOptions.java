package io.aos.ops.cli.monitor;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.monitor.metrics.MetricsExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The metrics export flags of {@code monitor start} (passed on to the daemon) and {@code shadow run}. */
public final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://ADDR:PORT/metrics (see README, 'Watching a fleet').")
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDR",
            description = "Address for --metrics-port (default 127.0.0.1, this host only; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--textfile-dir", paramLabel = "DIR",
            description = "Also write DIR/aos_ops.prom after every check, for node_exporter's textfile collector.")
    Path textfileDir;

    /** Refuses a bad combination before anything starts. */
    public void validate() {
        if (port != null && (port < 1 || port > 65535)) {
            throw new BadConfigurationException("--metrics-port must be within 1..65535, got " + port);
        }
        if (bind != null && port == null) {
            throw new BadConfigurationException("--metrics-bind needs --metrics-port");
        }
    }

    /** True if any export was asked for. */
    public boolean any() {
        return port != null || textfileDir != null;
    }

    /** Starts what the flags ask for (an export that does nothing when none was given). */
    public MetricsExport start() {
        validate();
        return MetricsExport.start(port, bind, textfileDir == null ? null : textfileDir.toAbsolutePath());
    }

    /** Checks now that the port can be bound, so {@code monitor start} fails in the foreground, not in the daemon. */
    public void probePort() {
        if (port != null) {
            MetricsExport.start(port, bind, null).close();
        }
    }

    /** Where the metrics will be served, for the start message. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (port != null) {
            parts.add("http://" + (bind == null ? MetricsExport.LOOPBACK : bind) + ":" + port + "/metrics");
        }
        if (textfileDir != null) {
            parts.add(textfileDir.toAbsolutePath().resolve("aos_ops.prom").toString());
        }
        return String.join(", ", parts);
    }

    /** The flags again, for the daemon's command line. */
    public List<String> asArguments() {
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.add("--metrics-port");
            args.add(port.toString());
        }
        if (bind != null) {
            args.add("--metrics-bind");
            args.add(bind);
        }
        if (textfileDir != null) {
            args.add("--textfile-dir");
            args.add(textfileDir.toAbsolutePath().toString());
        }
        return args;
    }
}
