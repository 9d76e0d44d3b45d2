package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayMetricsReportTest {

    @Test
    void absentMetricsReadUnknownNeverZero() {
        ReplayMetricsReport report = ReplayMetricsReport.read(source(List.of()));

        assertThat(report.reachable()).isTrue();
        assertThat(report.runs()).isEmpty();
        assertThat(report.lines()).contains(
                "Replay verifications: UNKNOWN (no workflow_replay_verifications_total series)");
        assertThat(String.join("\n", report.lines())).doesNotContain(": 0");
    }

    @Test
    void showsEveryRunFound() {
        ReplayMetricsReport report = ReplayMetricsReport.read(source(List.of(
                new Sample("workflow_replay_verifications_total", Map.of("run", "a", "status", "passed"), 12),
                new Sample("workflow_replay_verifications_total", Map.of("run", "a", "status", "failed"), 1),
                new Sample("workflow_replay_failures_total",
                        Map.of("run", "a", "failure_type", "volatile_leak", "spec_id", "compute"), 1),
                new Sample("workflow_replay_verifications_total", Map.of("run", "b", "status", "passed"), 30),
                new Sample("workflow_replay_verifications_total", Map.of("run", "b", "status", "failed"), 0))));

        assertThat(report.lines()).containsExactly(
                "Metrics source: test",
                "Replay verifications: passed 12, failed 1  [run=a]",
                "Replay failures: 1 (volatile_leak/compute 1)  [run=a]",
                "Replay verifications: passed 30, failed 0  [run=b]",
                "Replay failures: 0  [run=b]");
    }

    @Test
    void aMissingStatusSeriesIsUnknown() {
        ReplayMetricsReport report = ReplayMetricsReport.read(source(List.of(
                new Sample("workflow_replay_verifications_total", Map.of("status", "passed"), 5))));

        assertThat(report.runs()).singleElement().satisfies(run -> {
            assertThat(run.passed()).isEqualTo(5.0);
            assertThat(run.failed()).isNull();
        });
        assertThat(report.lines()).contains("Replay verifications: passed 5, failed UNKNOWN");
    }

    @Test
    void anUnreachableSourceSaysSo() {
        MetricSource down = new MetricSource() {
            @Override
            public List<Sample> series(String name) throws IOException {
                throw new IOException("connection refused");
            }

            @Override
            public String describe() {
                return "http://127.0.0.1:9";
            }
        };

        ReplayMetricsReport report = ReplayMetricsReport.read(down);

        assertThat(report.reachable()).isFalse();
        assertThat(report.lines()).containsExactly(
                "Metrics: NOT REACHABLE at http://127.0.0.1:9 (connection refused)");
    }

    private static MetricSource source(List<Sample> samples) {
        return new MetricSource() {
            @Override
            public List<Sample> series(String name) {
                return samples.stream().filter(s -> s.name().equals(name)).toList();
            }

            @Override
            public String describe() {
                return "test";
            }
        };
    }
}
