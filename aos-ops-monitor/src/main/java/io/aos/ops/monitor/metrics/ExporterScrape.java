package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Reads an exporter's {@code /metrics} directly with {@link ExpositionParser}, for a sanity check on a host with no
 * Prometheus server. The page is fetched once and then answered from memory, so one report reads one consistent
 * scrape. The timeout bounds the whole fetch, page included, and the page is read up to
 * {@link BoundedHttpGet#MAX_RESPONSE_BYTES} ({@link BoundedHttpGet}): an exporter that trickles its page or sends an
 * endless one is an {@link UnusableAnswerException}, not a hang.
 */
public final class ExporterScrape implements MetricSource {

    private final URI url;
    private final BoundedHttpGet http;
    private ExpositionParser.Result scraped;

    private ExporterScrape(URI url, BoundedHttpGet http) {
        this.url = url;
        this.http = http;
    }

    /**
     * A reader of the exporter at {@code url}, e.g. {@code http://127.0.0.1:9105/metrics}, whose fetch gives up after
     * {@code timeout}, page included.
     */
    public static ExporterScrape of(String url, Duration timeout) {
        return of(url, BoundedHttpGet.of(timeout));
    }

    /** As {@link #of(String, Duration)}, fetching with {@code http} (another cap on the page's size). */
    static ExporterScrape of(String url, BoundedHttpGet http) {
        checkNotNull(url, "url");
        checkArgument(url.startsWith("http://") || url.startsWith("https://"),
                "metrics URL must start with http:// or https://, got '%s'", url);
        return new ExporterScrape(URI.create(url), checkNotNull(http, "http"));
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
        BoundedHttpGet.Answer response = http.get(url, "Accept", "text/plain; version=0.0.4");
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
        return response.text();
    }
}
