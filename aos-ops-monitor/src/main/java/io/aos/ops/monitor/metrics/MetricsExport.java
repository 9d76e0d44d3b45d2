package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a long-running command needs to export metrics, set up from its options in one call: the registry with
 * the shadow-run and monitor metric sets, the {@code /metrics} server if a port was given, and the textfile if a
 * directory was given. The monitor daemon and the shadow runner own one each; a one-shot check uses it for the
 * textfile only.
 */
public final class MetricsExport implements AutoCloseable {

    /** Default bind address: loopback, so a host does not expose its run state unless asked to. */
    public static final String LOOPBACK = "127.0.0.1";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ShadowRunMetrics shadowRuns = ShadowRunMetrics.registerIn(registry);
    private final MonitorMetrics monitor = MonitorMetrics.registerIn(registry);
    private final ShadowRunObserver observer = new ShadowRunObserver(shadowRuns);
    private final Path textfileDir;
    private MetricsHttpServer server;
    private volatile Runnable beforeScrape = () -> { };

    private MetricsExport(Path textfileDir) {
        this.textfileDir = textfileDir;
    }

    /**
     * Sets up the export.
     *
     * @param port        serve {@code /metrics} on this port (0 picks a free one); null for no HTTP server
     * @param bind        the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}; null for loopback
     * @param textfileDir write {@code aos_ops.prom} here on {@link #writeTextfile()}; null for no textfile
     * @throws AosOpsException (usage) if the port is out of range, the address unknown, or the port cannot be bound
     */
    public static MetricsExport start(Integer port, String bind, Path textfileDir) {
        MetricsExport export = new MetricsExport(textfileDir);
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new BadConfigurationException("--metrics-port must be within 0..65535, got " + port);
            }
            String address = bind == null || bind.isBlank() ? LOOPBACK : bind;
            InetAddress inet;
            try {
                inet = InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw new BadConfigurationException("--metrics-bind: unknown address '" + address + "'");
            }
            try {
                export.server = MetricsHttpServer.start(export.registry, inet, port, () -> export.beforeScrape.run());
            } catch (IOException e) {
                throw new BadConfigurationException("cannot serve metrics on " + address + ":" + port + ": " + e.getMessage()
                        + " (choose another --metrics-port)");
            }
        } else if (bind != null && !bind.isBlank()) {
            throw new BadConfigurationException("--metrics-bind needs --metrics-port");
        }
        return export;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public ShadowRunMetrics shadowRuns() {
        return shadowRuns;
    }

    public MonitorMetrics monitor() {
        return monitor;
    }

    /** Feeds {@link #shadowRuns()} from a run's files. */
    public ShadowRunObserver observer() {
        return observer;
    }

    /**
     * Runs {@code refresh} before each {@code /metrics} answer, e.g. to read a run's {@code status.json} at scrape
     * time instead of polling it.
     */
    public void beforeScrape(Runnable refresh) {
        this.beforeScrape = checkNotNull(refresh, "refresh");
    }

    /** Feeds the shadow-run series from the run at {@code layout} before each scrape (the runner's own /metrics). */
    public void observeBeforeScrape(ShadowRunLayout layout) {
        checkNotNull(layout, "layout");
        beforeScrape(() -> {
            synchronized (observer) {
                try {
                    observer.observe(layout);
                } catch (IOException | RuntimeException e) {
                    // Mid-run the files are written atomically; anything else keeps the last values.
                }
            }
        });
    }

    /** Where {@code /metrics} is served, if it is. */
    public Optional<URI> metricsUri() {
        return Optional.ofNullable(server).map(MetricsHttpServer::metricsUri);
    }

    /** Writes the textfile if a directory was given; returns the file written. */
    public Optional<Path> writeTextfile() throws IOException {
        if (textfileDir == null) {
            return Optional.empty();
        }
        return Optional.of(TextfileExporter.write(registry, textfileDir));
    }

    /** Stops the HTTP server, if any. The textfile stays: node_exporter keeps serving it, and its check time ages. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
