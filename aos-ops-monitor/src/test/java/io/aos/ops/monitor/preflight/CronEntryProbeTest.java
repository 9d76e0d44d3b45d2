package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.cron.CronInstallation;
import io.aos.ops.monitor.probe.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronEntryProbeTest {

    @TempDir
    Path cronDir;

    @Test
    void theInstalledFileWithMarkerAndCronCheckIsOk() throws Exception {
        Files.writeString(cronDir.resolve("aos-ops"), CronInstallation.MARKER + "\n"
                + "*/15 * * * * root /opt/aos-ops/bin/aos-ops cron-check\n");

        ProbeResult r = new CronEntryProbe(cronDir, Optional::empty).check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.message()).isEqualTo("Cron check installed: " + cronDir.resolve("aos-ops"));
    }

    @Test
    void theFileCronInstallWritesIsAcceptedAndGoneOnceRemoved() throws Exception {
        CronInstallation installation = new CronInstallation(cronDir, Path.of("/opt/aos-ops"), java.util.Map.of(),
                CronInstallation.DEFAULT_USER);
        installation.install(false);

        assertThat(new CronEntryProbe(cronDir, Optional::empty).check().status()).isEqualTo(HealthStatus.OK);

        installation.remove();
        assertThat(new CronEntryProbe(cronDir, Optional::empty).check().status()).isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void aFileWithoutTheMarkerOrWithTheLineCommentedOutIsAWarning() throws Exception {
        Files.writeString(cronDir.resolve("aos-ops"), "*/15 * * * * root aos-ops cron-check\n");
        assertThat(new CronEntryProbe(cronDir, Optional::empty).check().status()).isEqualTo(HealthStatus.WARNING);

        Files.writeString(cronDir.resolve("aos-ops"), CronInstallation.MARKER + "\n# */15 * * * * root cron-check\n");
        ProbeResult r = new CronEntryProbe(cronDir, Optional::empty).check();
        assertThat(r.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(r.message()).contains("does not run cron-check").endsWith("run 'aos-ops cron install'");
    }

    @Test
    void theSeedsUserCrontabLineIsAccepted() {
        ProbeResult r = new CronEntryProbe(cronDir, () -> Optional.of(
                "*/15 * * * * /opt/aos/scripts/stress/shadow_cron_check.sh >/dev/null 2>&1\n")).check();
        ProbeResult other = new CronEntryProbe(cronDir, () -> Optional.of("0 * * * * backup\n")).check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(other.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(other.message()).contains("no " + cronDir.resolve("aos-ops"), "the user's crontab does not run it");
    }
}
