package io.aos.ops.cli.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import org.junit.jupiter.api.Test;

class PreflightHelpTest {

    @Test
    void preflightHelpFormatsWithoutPicocliWarningsAndNamesEverySetting() {
        CliRun help = CliRun.capturingSystemStreams("preflight", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("pass 90% on the filesystem", "AOS_HEALTH_URL", "REDIS_URL", "DOCKER_HOST",
                "AOS_WORKER_PATTERN", "AOS_CRON_DIR", "--nagios");
    }

    @Test
    void shadowStartHelpFitsEightyColumnsAndSaysMinusHIsHours() {
        CliRun help = CliRun.capturingSystemStreams("shadow", "start", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(help.out()).contains("(-h is --hours.)", "--skip-preflight");
    }
}
