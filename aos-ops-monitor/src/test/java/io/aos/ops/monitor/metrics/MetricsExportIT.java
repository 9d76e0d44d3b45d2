package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.health.HealthStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsExportIT {

    @Test
    void servesOnLoopbackByDefaultAndWritesTheTextfile(@TempDir Path dir) throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, dir)) {
            export.monitor().recordProbe("process", HealthStatus.OK);

            assertThat(export.metricsUri()).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
            Path file = export.writeTextfile().orElseThrow();
            assertThat(Files.readString(file)).contains("aos_monitor_check_status{probe=\"process\"} 0.0");
        }
    }

    @Test
    void withoutPortOrDirectoryNothingIsServedOrWritten() throws Exception {
        try (MetricsExport export = MetricsExport.start(null, null, null)) {
            assertThat(export.metricsUri()).isEmpty();
            assertThat(export.writeTextfile()).isEmpty();
        }
    }

    @Test
    void aTakenPortIsAUsageErrorNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricsExport.start(taken.getLocalPort(), "127.0.0.1", null))
                    .isInstanceOf(AosOpsException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .isInstanceOf(BadConfigurationException.class);
        }
    }

    @Test
    void aBindAddressWithoutAPortIsAUsageError() {
        assertThatThrownBy(() -> MetricsExport.start(null, "0.0.0.0", null))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("--metrics-bind needs --metrics-port");
    }
}
