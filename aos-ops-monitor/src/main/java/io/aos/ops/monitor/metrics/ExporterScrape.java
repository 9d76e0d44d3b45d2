package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads an exporter's {@code /metrics} directly with {@link ExpositionParser}, for a sanity check on a host with no
 * Prometheus server. The page is fetched once and then answered from memory, so one report reads one consistent
 * scrape.
 */
public final class ExporterScrape implements MetricSource {

    private final URI url;
    private final Duration timeout;
    private ExpositionParser.Result scraped;

    private ExporterScrape(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    /** A reader of the exporter at {@code url}, e.g. {@code http://127.0.0.1:9105/metrics}. */
    public static ExporterScrape of(String url, Duration timeout) {
        checkNotNull(url, "url");
        checkArgument(url.startsWith("http://") || url.startsWith("https://"),
                "metrics URL must start with http:// or https://, got '%s'", url);
        return new ExporterScrape(URI.create(url), timeout);
    }

    @Override
    public synchronized List<Sample> series(String name) throws IOException {
        if (scraped == null) {
            scraped = ExpositionParser.parse(fetch());
        }
        return scraped.samples(name);
    }

    /** Lines of the page that could not be read (empty before the first {@link #series}). */
    public synchronized List<String> problems() {
        return scraped == null ? List.of() : scraped.problems();
    }

    @Override
    public String describe() {
        return url.toString();
    }

    private String fetch() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "text/plain; version=0.0.4").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
