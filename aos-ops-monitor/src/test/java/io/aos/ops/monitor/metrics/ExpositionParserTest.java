package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    @Test
    void readsBackEverySeriesTheClientLibraryWrites() {
        String text = new String(TextExposition.render(MetricsFixture.everyMetric()), StandardCharsets.UTF_8);

        ExpositionParser.Result result = ExpositionParser.parse(text);

        assertThat(result.problems()).isEmpty();
        assertThat(result.samples("workflow_replay_verifications_total"))
                .extracting(s -> s.label("status"), Sample::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("passed", 26.0),
                        org.assertj.core.groups.Tuple.tuple("failed", 1.0));
    }

    @Test
    void unescapesLabelValues() {
        var result = ExpositionParser.parse("m{path=\"C:\\\\tmp\",msg=\"say \\\"hi\\\"\\nbye\"} 1\n");

        assertThat(result.samples("m")).singleElement().extracting(Sample::labels)
                .isEqualTo(Map.of("path", "C:\\tmp", "msg", "say \"hi\"\nbye"));
    }

    @Test
    void readsSpecialValuesTimestampsAndATrailingComma() {
        var result = ExpositionParser.parse("""
                # HELP a help text
                # TYPE a gauge
                a NaN
                b{x="1",} +Inf 1700000000000
                c -Inf
                d 1.5e3""");

        assertThat(result.problems()).isEmpty();
        assertThat(result.samples("a").get(0).value()).isNaN();
        assertThat(result.samples("b").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.samples("b").get(0).labels()).isEqualTo(Map.of("x", "1"));
        assertThat(result.samples("c").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(result.samples("d").get(0).value()).isEqualTo(1500.0);
    }

    @Test
    void readsOpenMetricsWithExemplarsAndEof() {
        var result = ExpositionParser.parse("""
                # TYPE requests counter
                requests_total{path="/"} 3 # {trace_id="abc"} 1 1700000000.1
                # EOF
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.samples("requests_total")).singleElement().extracting(Sample::value).isEqualTo(3.0);
    }

    @Test
    void aBadLineIsReportedWithItsNumberAndTheOthersStillRead() {
        var result = ExpositionParser.parse("good 1\r\nbad{x=\"1\" 2\r\nalso_good 3\r\n");

        assertThat(result.samples()).extracting(Sample::name).containsExactly("good", "also_good");
        assertThat(result.problems()).singleElement().asString().startsWith("line 2:");
    }
}
