package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.health.HealthStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final MonitorMetrics metrics = MonitorMetrics.registerIn(registry);

    @Test
    void probeStatusIsTheMonitoringPluginsCode() {
        metrics.recordProbe("process", HealthStatus.OK);
        metrics.recordProbe("freshness", HealthStatus.WARNING);
        metrics.recordProbe("mismatches", HealthStatus.CRITICAL);
        metrics.recordProbe("disk", HealthStatus.UNKNOWN);

        assertThat(samples("aos_monitor_check_status")).extracting(s -> s.label("probe"), Sample::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("process", 0.0),
                        org.assertj.core.groups.Tuple.tuple("freshness", 1.0),
                        org.assertj.core.groups.Tuple.tuple("mismatches", 2.0),
                        org.assertj.core.groups.Tuple.tuple("disk", 3.0));
    }

    @Test
    void goldenStorageCountsRegularFilesAndBytesBelowTheDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.golden.json"), "12345");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.jsonl"), "123");
        Files.writeString(dir.resolve("sub/b.jsonl.sig"), "xy");

        metrics.recordGoldenStorage(dir);

        assertThat(samples("aos_monitor_golden_files")).singleElement()
                .satisfies(s -> assertThat(s.labels()).isEqualTo(Map.of("dir", dir.toString())))
                .extracting(Sample::value).isEqualTo(3.0);
        assertThat(samples("aos_monitor_golden_bytes")).singleElement().extracting(Sample::value).isEqualTo(10.0);
    }

    @Test
    void seriesOfDirectoriesNoLongerWatchedAreDroppedAndTheOthersKept() {
        metrics.recordGoldenStorage("/runs/old/golden", 5, 500);
        metrics.recordGoldenStorage("/runs/old/traces", 5, 900);
        metrics.recordDiskUsage("/runs/old", 0.5);
        metrics.recordGoldenStorage("/runs/new/golden", 1, 100);
        metrics.recordDiskUsage("/runs/new", 0.5);

        metrics.retainOnly(java.util.Set.of("/runs/new"), java.util.Set.of("/runs/new/golden"));

        assertThat(samples("aos_monitor_golden_files")).extracting(s -> s.label("dir"))
                .containsExactly("/runs/new/golden");
        assertThat(samples("aos_monitor_golden_bytes")).extracting(s -> s.label("dir"))
                .containsExactly("/runs/new/golden");
        assertThat(samples("aos_monitor_disk_usage_ratio")).extracting(s -> s.label("path"))
                .containsExactly("/runs/new");
    }

    @Test
    void aMissingGoldenDirectoryExportsNothingRatherThanZero(@TempDir Path dir) throws Exception {
        metrics.recordGoldenStorage(dir.resolve("missing"));

        assertThat(samples("aos_monitor_golden_files")).isEmpty();
    }

    @Test
    void diskUsageOfARealFilesystemIsARatio(@TempDir Path dir) throws Exception {
        metrics.recordDiskUsage(dir);

        assertThat(samples("aos_monitor_disk_usage_ratio")).singleElement()
                .extracting(Sample::value).satisfies(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @Test
    void aDiskUsagePercentInsteadOfARatioIsRefused() {
        assertThatThrownBy(() -> metrics.recordDiskUsage("/", 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }

    @Test
    void emergencyStopAndCheckTimeAreExported() {
        metrics.recordEmergencyStop(true);
        metrics.recordCheckFinished(MetricsFixture.LAST_CYCLE);

        assertThat(samples("aos_monitor_emergency_stop_engaged")).singleElement()
                .extracting(Sample::value).isEqualTo(1.0);
        assertThat(samples("aos_monitor_last_check_timestamp_seconds")).singleElement()
                .extracting(Sample::value).isEqualTo(MetricsFixture.LAST_CYCLE.getEpochSecond() + 0.5);
    }

    @Test
    void nothingIsExportedBeforeItIsMeasured() {
        assertThat(TextExposition.render(registry)).isEmpty();
    }

    private List<Sample> samples(String name) {
        return ExpositionParser.parse(new String(TextExposition.render(registry), StandardCharsets.UTF_8))
                .samples(name);
    }
}
