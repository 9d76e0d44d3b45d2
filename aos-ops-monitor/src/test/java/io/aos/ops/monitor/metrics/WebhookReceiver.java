package io.aos.ops.monitor.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The far end of Alertmanager's webhook receivers, in the test: records every notification (the path it was posted
 * to, which names the receiver, and the JSON body) and answers 200. On a free loopback port; stopped by
 * {@link #close()}.
 *
 * <p>A fixture, not a test: every wait in it is bounded (readiness polls to a deadline, process stops escalate to
 * SIGKILL, HTTP calls carry timeouts), and every test class that starts it carries {@code @Timeout}, which
 * {@code TestTimeoutsTest} (aos-ops-cli) enforces.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One notification as Alertmanager posted it. */
    record Notification(String path, JsonNode body) {

        /** {@code firing} or {@code resolved}. */
        String status() {
            return body.path("status").asText();
        }

        List<JsonNode> alerts() {
            List<JsonNode> alerts = new java.util.ArrayList<>();
            body.path("alerts").elements().forEachRemaining(alerts::add);
            return alerts;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        WebhookReceiver receiver = new WebhookReceiver(server, executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("POST".equals(exchange.getRequestMethod())) {
                    receiver.received.add(new Notification(exchange.getRequestURI().getPath(),
                            OpsJson.mapper().readTree(body)));
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** The URL Alertmanager posts to for the receiver named {@code name}. */
    URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** Every notification so far, oldest first. */
    List<Notification> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
