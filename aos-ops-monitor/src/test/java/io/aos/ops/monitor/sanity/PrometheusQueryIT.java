package io.aos.ops.monitor.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.aos.ops.monitor.metrics.UnusableAnswerException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The query's timeout bounds the whole answer and its size is capped, against a server in this test that trickles
 * its answer or sends an endless one. Each test runs in a thread of its own under a timeout, so a hang fails it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrometheusQueryIT {

    static final String HEAD = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
    static final String SERIES = "{\"metric\":{\"status\":\"passed\",\"instance\":\"i%d\"},\"value\":[1,\"%d\"]}";

    HttpServer server;
    volatile boolean stop;

    @AfterEach
    void stopServer() {
        stop = true;
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Chunked: the headers at once, then the body as the handler writes it, until the client goes. */
    private static OutputStream chunked(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    @Test
    void aServerThatTricklesItsAnswerIsGivenUpAfterTheTimeoutForTheWholeAnswer() throws Exception {
        URI url = serve(exchange -> {
            try (OutputStream out = chunked(exchange)) {
                out.write(HEAD.getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!stop) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up: what this test wants
            }
        });

        PrometheusQuery query = new PrometheusQuery(url, Duration.ofSeconds(1));

        assertThatThrownBy(() -> query.query("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("no complete answer within 1 s");
    }

    @Test
    void anEndlessAnswerIsNotReadPastTheCap() throws Exception {
        URI url = serve(exchange -> {
            try (OutputStream out = chunked(exchange)) {
                out.write(HEAD.getBytes(StandardCharsets.UTF_8));
                for (int i = 0; !stop; i++) {
                    out.write((String.format(SERIES, i, i) + ",").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the client hung up
            }
        });

        PrometheusQuery query = new PrometheusQuery(url, Duration.ofSeconds(30), 64 * 1024);

        assertThatThrownBy(() -> query.query("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("answer larger than 65536 bytes, not read further");
    }

    @Test
    void anAnswerUnderTheCapIsReadWhole() throws Exception {
        StringBuilder body = new StringBuilder(HEAD);
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append(String.format(SERIES, i, i));
        }
        byte[] bytes = body.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
        URI url = serve(exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });

        List<PrometheusQuery.Series> series = new PrometheusQuery(url, Duration.ofSeconds(10))
                .query("workflow_replay_verifications_total");

        assertThat(series).hasSize(100);
        assertThat(series.get(99).value()).isEqualTo("99");
    }
}
