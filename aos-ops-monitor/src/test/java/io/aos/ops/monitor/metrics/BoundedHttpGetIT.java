package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every reader of a metrics endpoint ends within its deadline and reads an answer only up to its cap: the exporter
 * scrape of {@code sanity --metrics-url} and the Prometheus API client, against a server in this test that trickles
 * its answer for ever or sends an endless one. Each test runs in a thread of its own under a timeout, so a hang fails
 * it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedHttpGetIT {

    static final String METRIC = "workflow_replay_verifications_total{status=\"passed\"} %d\n";
    static final String VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";

    HttpServer server;
    volatile boolean stop;

    @AfterEach
    void stopServer() {
        stop = true;
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Headers at once, then one byte of {@code head}'s kind every 200 ms until the client goes. */
    private HttpHandler trickling(String head) {
        return exchange -> {
            try (OutputStream out = chunked(exchange)) {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!stop) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up: what these tests want
            }
        };
    }

    /** Headers at once, then {@code line} over and over, as fast as the client reads, until it goes. */
    private HttpHandler endless(String head, String line) {
        return exchange -> {
            try (OutputStream out = chunked(exchange)) {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                for (int i = 0; !stop; i++) {
                    out.write(String.format(line, i).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the client hung up
            }
        };
    }

    private static OutputStream chunked(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    @Test
    void anExporterThatTricklesItsPageIsGivenUpAfterTheDeadlineForTheWholePage() throws Exception {
        String url = serve(trickling("# HELP workflow_replay_verifications_total x\n"));
        ExporterScrape scrape = ExporterScrape.of(url + "/metrics", Duration.ofSeconds(1));

        assertThatThrownBy(() -> scrape.series("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("no complete answer within 1 s");
    }

    @Test
    void anExporterWithAnEndlessPageIsNotReadPastTheCap() throws Exception {
        String url = serve(endless("", METRIC));
        ExporterScrape scrape = ExporterScrape.of(url + "/metrics", BoundedHttpGet.of(Duration.ofSeconds(30),
                64 * 1024));

        assertThatThrownBy(() -> scrape.series("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("answer larger than 65536 bytes, not read further");
    }

    @Test
    void anExporterPageUnderTheCapIsReadWhole() throws Exception {
        byte[] page = (String.format(METRIC, 7)).getBytes(StandardCharsets.UTF_8);
        String url = serve(exchange -> {
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });

        assertThat(ExporterScrape.of(url + "/metrics", Duration.ofSeconds(10))
                .series("workflow_replay_verifications_total")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(7.0));
    }

    @Test
    void aPrometheusThatTricklesItsAnswerIsGivenUpAfterTheDeadlineAndIsNotReady() throws Exception {
        String url = serve(trickling(VECTOR));
        PrometheusQueryClient client = PrometheusQueryClient.of(url, Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.series("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("no complete answer within 1 s");
        assertThat(client.ready()).isFalse();
    }

    @Test
    void aPrometheusWithAnEndlessAnswerIsNotReadPastTheCap() throws Exception {
        String url = serve(endless(VECTOR, "{\"metric\":{\"i\":\"%d\"},\"value\":[1,\"1\"]},"));
        PrometheusQueryClient client = PrometheusQueryClient.of(url, BoundedHttpGet.of(Duration.ofSeconds(30),
                64 * 1024));

        assertThatThrownBy(() -> client.series("workflow_replay_verifications_total"))
                .isInstanceOf(UnusableAnswerException.class)
                .hasMessage("answer larger than 65536 bytes, not read further");
        assertThat(client.ready()).isFalse();
    }
}
