package io.aos.ops.monitor.statuspage;

import static com.google.common.base.Preconditions.checkNotNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves a {@link LiveStatus}: {@code /} the page, {@code /api/status} its JSON; any other path is 404 and any method
 * but GET and HEAD 405. Installed as the default handler of the metrics server, beside {@code /metrics}.
 */
public final class StatusPageHandler implements HttpHandler {

    private final LiveStatus status;

    public StatusPageHandler(LiveStatus status) {
        this.status = checkNotNull(status, "status");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"));
                return;
            }
            LiveStatus.Rendered now = status.current();
            switch (path) {
                case "/", "/index.html" -> {
                    exchange.getResponseHeaders().set("Content-Security-Policy",
                            StatusPageHtml.CONTENT_SECURITY_POLICY);
                    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                    send(exchange, 200, "text/html; charset=utf-8", now.html());
                }
                case "/api/status" -> send(exchange, 200, "application/json", now.json());
                default -> send(exchange, 404, "text/plain; charset=utf-8",
                        bytes("not found: the status page is at /, its JSON at /api/status, metrics at /metrics\n"));
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
