package io.aos.ops.monitor.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders a registry in the Prometheus text format 0.0.4 with the client library's writer, for both ways out (HTTP
 * and textfile). {@code _created} series are left out: in the text format they would be extra gauges nobody asked
 * for, and two writers of one textfile collector directory must not disagree about them.
 */
public final class TextExposition {

    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = new PrometheusTextFormatWriter(false);

    private TextExposition() {
    }

    /** Writes every metric of {@code registry} to {@code out}. */
    public static void write(PrometheusRegistry registry, OutputStream out) throws IOException {
        WRITER.write(out, registry.scrape());
    }

    /** Every metric of {@code registry} as text-format bytes. */
    public static byte[] render(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            write(registry, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
