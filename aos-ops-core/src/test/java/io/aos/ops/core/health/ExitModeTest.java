package io.aos.ops.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExitModeTest {

    @Test
    void defaultConventionFailsOnlyOnCritical() {
        assertThat(ExitMode.DEFAULT.exitCode(HealthStatus.OK)).isZero();
        assertThat(ExitMode.DEFAULT.exitCode(HealthStatus.WARNING)).isZero();
        assertThat(ExitMode.DEFAULT.exitCode(HealthStatus.CRITICAL)).isEqualTo(1);
        assertThat(ExitMode.DEFAULT.exitCode(HealthStatus.UNKNOWN)).isEqualTo(2);
        assertThat(ExitMode.DEFAULT.usageError()).isEqualTo(2);
    }

    @Test
    void nagiosConventionIsZeroToThreeAndUsageIsNeverCritical() {
        assertThat(ExitMode.NAGIOS.exitCode(HealthStatus.OK)).isZero();
        assertThat(ExitMode.NAGIOS.exitCode(HealthStatus.WARNING)).isEqualTo(1);
        assertThat(ExitMode.NAGIOS.exitCode(HealthStatus.CRITICAL)).isEqualTo(2);
        assertThat(ExitMode.NAGIOS.exitCode(HealthStatus.UNKNOWN)).isEqualTo(3);
        assertThat(ExitMode.NAGIOS.usageError()).isEqualTo(3);
    }


    @Test
    void worstWinsAndUnknownNeverHidesCritical() {
        assertThat(HealthStatus.worstOf(List.of())).isEqualTo(HealthStatus.OK);
        assertThat(HealthStatus.worstOf(List.of(HealthStatus.OK, HealthStatus.WARNING))).isEqualTo(HealthStatus.WARNING);
        assertThat(HealthStatus.worstOf(List.of(HealthStatus.UNKNOWN, HealthStatus.WARNING)))
                .isEqualTo(HealthStatus.UNKNOWN);
        assertThat(HealthStatus.worstOf(List.of(HealthStatus.CRITICAL, HealthStatus.UNKNOWN)))
                .isEqualTo(HealthStatus.CRITICAL);
    }
}
