package io.aos.ops.cli.monitor;

import com.sun.net.httpserver.HttpHandler;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.monitor.metrics.MetricsExport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The HTTP and textfile export flags of {@code monitor start}, passed on to the daemon. */
public final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the status page at http://ADDR:PORT/ (JSON at /api/status) and Prometheus metrics "
                    + "at /metrics (see docs/status-page.md and docs/metrics.md).")
    Integer port;

    @Option(names = {"--bind", "--metrics-bind"}, paramLabel = "ADDR",
            description = "Address for --metrics-port (default: $AOS_MONITOR_BIND, else 127.0.0.1, this host only). "
                    + "0.0.0.0 opens the page and metrics to every network this host is on: anyone who reaches it "
                    + "reads the run's state, paths and alerts.")
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

    /** True if the HTTP port (status page and metrics) was asked for. */
    public boolean servesHttp() {
        return port != null;
    }

    /** True if any export was asked for. */
    public boolean any() {
        return port != null || textfileDir != null;
    }

    /**
     * Starts what the flags ask for (an export that does nothing when none was given), with {@code pages} answering
     * every path but {@code /metrics}.
     */
    public MetricsExport start(OpsConfig config, HttpHandler pages) {
        validate();
        return MetricsExport.start(port, port == null ? null : bind(config),
                textfileDir == null ? null : textfileDir.toAbsolutePath(), pages);
    }

    /** Checks now that the port can be bound, so {@code monitor start} fails in the foreground, not in the daemon. */
    public void probePort(OpsConfig config) {
        if (port != null) {
            MetricsExport.start(port, bind(config), null).close();
        }
    }

    /** The address to bind: {@code --bind}, else {@code AOS_MONITOR_BIND}, else loopback. */
    public String bind(OpsConfig config) {
        return config.with(OpsSetting.MONITOR_BIND, bind).get(OpsSetting.MONITOR_BIND).strip();
    }

    /**
     * A warning for the operator when the port is open beyond this host, else empty: the page shows run names, paths
     * and alert text, without authentication.
     */
    public Optional<String> exposureWarning(OpsConfig config) {
        if (port == null) {
            return Optional.empty();
        }
        String address = bind(config);
        try {
            if (InetAddress.getByName(address).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // MetricsExport refuses it with a usage error
        }
        return Optional.of("WARNING: the status page and metrics on " + address + ":" + port + " are open to every "
                + "host that can reach this address, without authentication; bind to 127.0.0.1 (the default) and "
                + "use an SSH tunnel or a reverse proxy with authentication instead.");
    }

    /** Where the page and metrics will be served, for the start message. */
    public String describe(OpsConfig config) {
        List<String> parts = new ArrayList<>();
        if (port != null) {
            String host = bind(config).contains(":") ? "[" + bind(config) + "]" : bind(config);
            parts.add("http://" + host + ":" + port + "/metrics (status page: http://" + host + ":" + port + "/)");
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
