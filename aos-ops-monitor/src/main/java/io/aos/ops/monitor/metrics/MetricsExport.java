package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Everything a long-running command needs to export metrics, set up from its options in one call: the registry with
 * the shadow-run and monitor metric sets, the HTTP server if a port was given, and the textfile if a directory was
 * given. The monitor daemon and the shadow runner own one each; a one-shot check uses it for the textfile only.
 *
 * <p>The HTTP server is client_java's exporter ({@link HTTPServer}): {@code /metrics} in whichever exposition format
 * the scraper asks for, {@code /-/healthy}, and every other path handed to the {@code pages} handler given to
 * {@link #start(Integer, String, Path, HttpHandler)} (the monitor daemon's status page), else a one-line pointer at
 * {@code /} and 404 elsewhere. It runs on two daemon threads, so a slow scrape does not hold up the status page.
 */
public final class MetricsExport implements AutoCloseable {

    /** Default bind address: loopback, so a host does not expose its run state unless asked to. */
    public static final String LOOPBACK = "127.0.0.1";

    private final PrometheusRegistry registry = new RefreshingRegistry();
    private final ShadowRunMetrics shadowRuns = ShadowRunMetrics.registerIn(registry);
    private final MonitorMetrics monitor = MonitorMetrics.registerIn(registry);
    private final ShadowRunMetricsUpdater observer = new ShadowRunMetricsUpdater(shadowRuns);
    private final Path textfileDir;
    private HTTPServer server;
    private InetSocketAddress address;
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
        return start(port, bind, textfileDir, null);
    }

    /**
     * As {@link #start(Integer, String, Path)}, serving {@code pages} on the same port for every path but
     * {@code /metrics} and {@code /-/healthy}.
     *
     * @param pages answers {@code /} and any other path; null for a pointer to {@code /metrics} at {@code /} and 404
     */
    public static MetricsExport start(Integer port, String bind, Path textfileDir, HttpHandler pages) {
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
            ExecutorService executor = Executors.newFixedThreadPool(2,
                    new ThreadFactoryBuilder().setNameFormat("aos-ops-http-%d").setDaemon(true).build());
            try {
                export.server = HTTPServer.builder()
                        .inetAddress(inet)
                        .port(port)
                        .registry(export.registry)
                        .executorService(executor)
                        .defaultHandler(pages == null ? MetricsExport::pointer : pages)
                        .buildAndStart();
                export.address = new InetSocketAddress(inet, export.server.getPort());
            } catch (IOException | RuntimeException e) {
                executor.shutdownNow();
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
    public ShadowRunMetricsUpdater observer() {
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
        return baseUri().map(base -> base.resolve("/metrics"));
    }

    /** {@code http://host:port/}, if a server runs. */
    public Optional<URI> baseUri() {
        if (address == null) {
            return Optional.empty();
        }
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return Optional.of(URI.create("http://" + host + ":" + address.getPort() + "/"));
    }

    /** The address and port actually bound, if a server runs (the port is the real one after asking for 0). */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(address);
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

    /** The default page of a server without a status page: where the metrics are, and 404 for anything else. */
    private static void pointer(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean root = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (root ? "aos-ops metrics: see /metrics\n" : "not found\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(root ? 200 : 404, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /**
     * A registry that runs {@link #beforeScrape} first on every scrape, whichever way it is asked for (the exporter's
     * handler, the textfile writer), so that a run's files are read at scrape time rather than polled. If the refresh
     * throws, the scrape answers with the values as they were: stale values beat a failed scrape, whose gap would page.
     */
    private final class RefreshingRegistry extends PrometheusRegistry {

        @Override
        public MetricSnapshots scrape(PrometheusScrapeRequest request) {
            refresh();
            return super.scrape(request);
        }

        @Override
        public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
            if (includedNames == null) {
                return scrape(request); // the superclass would refresh twice by way of scrape(request)
            }
            refresh();
            return super.scrape(includedNames, request);
        }

        private void refresh() {
            try {
                beforeScrape.run();
            } catch (RuntimeException e) {
                // keep the last values; see the class comment
            }
        }
    }
}
