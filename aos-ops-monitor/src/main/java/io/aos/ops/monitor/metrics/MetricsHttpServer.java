package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a registry at {@code /metrics} over HTTP with the JDK's built-in server: no extra jars, one daemon thread.
 * Binds to loopback unless told otherwise, so a host does not expose its run state by default; bind to a routable
 * address (or {@code 0.0.0.0}) for a Prometheus server elsewhere to scrape it.
 *
 * <p>Paths: {@code /metrics} (the text format), {@code /} (a one-line pointer to it); anything else is 404.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code registry} on 127.0.0.1:{@code port} ({@code 0} picks a free port). */
    public static MetricsHttpServer startOnLoopback(PrometheusRegistry registry, int port) throws IOException {
        return start(registry, InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Starts serving {@code registry} on {@code bind}:{@code port} ({@code 0} picks a free port).
     *
     * @throws IOException if the address cannot be bound, e.g. the port is taken
     */
    public static MetricsHttpServer start(PrometheusRegistry registry, InetAddress bind, int port) throws IOException {
        return start(registry, bind, port, () -> { });
    }

    /**
     * As {@link #start(PrometheusRegistry, InetAddress, int)}, running {@code beforeScrape} before each
     * {@code /metrics} answer (to read fresh state at scrape time; scrapes are served one at a time). If it throws,
     * the scrape answers with the values as they were.
     */
    public static MetricsHttpServer start(PrometheusRegistry registry, InetAddress bind, int port,
                                          Runnable beforeScrape) throws IOException {
        checkNotNull(registry, "registry");
        checkNotNull(beforeScrape, "beforeScrape");
        checkNotNull(bind, "bind");
        checkArgument(port >= 0 && port <= 65535, "port must be within 0..65535, got %s", port);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/", exchange -> handle(exchange, registry, beforeScrape));
        ExecutorService executor = Executors.newSingleThreadExecutor(
                new ThreadFactoryBuilder().setNameFormat("aos-ops-metrics-http").setDaemon(true).build());
        server.setExecutor(executor);
        server.start();
        return new MetricsHttpServer(server, executor);
    }

    /** The port actually bound (useful after asking for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/metrics}. */
    public URI metricsUri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/metrics");
    }

    /** Stops serving at once and releases the port and the thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, PrometheusRegistry registry, Runnable beforeScrape)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/metrics")) {
                try {
                    beforeScrape.run();
                } catch (RuntimeException e) {
                    // Stale values beat a failed scrape: the age shows in the timestamps, the gap would page.
                }
                send(exchange, 200, TextExposition.CONTENT_TYPE, TextExposition.render(registry));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/plain; charset=utf-8",
                        "aos-ops metrics: see /metrics\n".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
