package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP GET whose deadline bounds the whole exchange, connection and complete answer together, and whose answer is
 * read up to a cap: what every reader of a metrics endpoint or Prometheus API uses. The HTTP client's own request
 * timeout ends only the wait for the headers, so a server that then sends one byte every half second, or an endless
 * body, would keep a check waiting (and filling memory) for ever. Past the deadline the exchange is cancelled, which
 * closes the connection; past the cap the body is not read further. Both are an {@link UnusableAnswerException}.
 */
public final class BoundedHttpGet {

    /** The most of one answer read by default; the series a check reads fit in a few kilobytes. */
    public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    /** An answer read whole within the deadline: its status code and body. */
    public record Answer(int statusCode, byte[] body) {

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Duration deadline;
    private final int maxBytes;
    private final HttpClient client;

    private BoundedHttpGet(Duration deadline, int maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(deadline).build();
    }

    /**
     * A getter with {@code deadline} for each exchange and the default cap of {@link #MAX_RESPONSE_BYTES}.
     *
     * @param deadline how long one GET may take, answer included; positive
     * @return the getter
     */
    public static BoundedHttpGet of(Duration deadline) {
        return of(deadline, MAX_RESPONSE_BYTES);
    }

    /**
     * A getter with {@code deadline} for each exchange and answers read up to {@code maxBytes}.
     *
     * @param deadline how long one GET may take, answer included; positive
     * @param maxBytes the most of one answer read; positive
     * @return the getter
     */
    public static BoundedHttpGet of(Duration deadline, int maxBytes) {
        checkNotNull(deadline, "deadline");
        checkArgument(!deadline.isNegative() && !deadline.isZero(), "deadline must be positive, got %s", deadline);
        checkArgument(maxBytes > 0, "maxBytes must be positive, got %s", maxBytes);
        return new BoundedHttpGet(deadline, maxBytes);
    }

    /** {@return the deadline of one exchange} */
    public Duration deadline() {
        return deadline;
    }

    /**
     * GETs {@code uri} with the request headers given as name, value pairs.
     *
     * @param uri     what to get
     * @param headers header names and values, alternating
     * @return the answer, whatever its status code
     * @throws UnusableAnswerException if the answer is not complete within the deadline or is larger than the cap
     * @throws IOException             if the server cannot be reached or the exchange fails
     */
    public Answer get(URI uri, String... headers) throws IOException {
        checkNotNull(uri, "uri");
        checkArgument(headers.length % 2 == 0, "headers come in name, value pairs");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request.build(), info -> new CappedBody(maxBytes));
        try {
            HttpResponse<byte[]> response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true); // closes the connection: the server is not read from any more
            throw new UnusableAnswerException("no complete answer within " + describe(deadline));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** {@code 3 s}, {@code 1500 ms}. */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Collects an answer's body up to a bound; past it, stops reading and fails. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new UnusableAnswerException("answer larger than "
                            + (max % (1 << 20) == 0 ? (max >> 20) + " MiB" : max + " bytes") + ", not read further"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
