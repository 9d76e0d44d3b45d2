package io.aos.ops.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How settings resolve, from explicit maps ({@code OpsConfig.of}), never the process environment: the seed paths
 * below are compared as values; nothing reads or writes there.
 */
class OpsConfigTest {

    @Test
    void defaultsAreTheSeedPaths() {
        OpsConfig config = OpsConfig.of(Map.of());
        // Only checks how defaults resolve; nothing reads or writes there.
        assertThat(config.path(OpsSetting.STATE_DIR)).isEqualTo(Path.of("/var/lib/aos"));
        assertThat(config.path(OpsSetting.MONITOR_LOG)).isEqualTo(Path.of("/var/lib/aos/shadow_monitor.log"));
        assertThat(config.path(OpsSetting.CRON_ALERTS_LOG)).isEqualTo(Path.of("/var/lib/aos/shadow_cron_alerts.log"));
        assertThat(config.path(OpsSetting.RETENTION_LOG)).isEqualTo(Path.of("/var/lib/aos/golden_retention.log"));
        assertThat(config.path(OpsSetting.EMERGENCY_STOP_FILE))
                .isEqualTo(Path.of("/var/lib/aos/.workflow_emergency_stop"));
        assertThat(config.path(OpsSetting.GOLDEN_DIR)).isEqualTo(Path.of("/var/lib/aos/golden"));
        assertThat(config.get(OpsSetting.ARCHIVE_DIR)).isEqualTo("/root/archive/golden");
        assertThat(config.get(OpsSetting.SHADOW_RUN_GLOB)).isEqualTo("/tmp/shadow_simulation_*");
        assertThat(config.intValue(OpsSetting.RETENTION_DAYS)).isEqualTo(7);
        assertThat(config.sourceOf(OpsSetting.STATE_DIR)).isEqualTo(OpsConfig.Source.DEFAULT);
    }

    @Test
    void environmentBeatsDefaultAndFlagBeatsEnvironment(@TempDir Path tmp) {
        OpsConfig config = OpsConfig.of(Map.of("ARCHIVE_DIR", tmp.resolve("env").toString()));
        assertThat(config.path(OpsSetting.ARCHIVE_DIR)).isEqualTo(tmp.resolve("env"));
        assertThat(config.sourceOf(OpsSetting.ARCHIVE_DIR)).isEqualTo(OpsConfig.Source.ENVIRONMENT);

        OpsConfig flagged = config.with(OpsSetting.ARCHIVE_DIR, tmp.resolve("flag"));
        assertThat(flagged.path(OpsSetting.ARCHIVE_DIR)).isEqualTo(tmp.resolve("flag"));
        assertThat(flagged.sourceOf(OpsSetting.ARCHIVE_DIR)).isEqualTo(OpsConfig.Source.FLAG);
        assertThat(config.path(OpsSetting.ARCHIVE_DIR)).as("original unchanged").isEqualTo(tmp.resolve("env"));
    }

    @Test
    void stateDirMovesAllStateAtOnce(@TempDir Path tmp) {
        OpsConfig config = OpsConfig.of(Map.of("AOS_STATE_DIR", tmp.toString()));
        assertThat(config.path(OpsSetting.MONITOR_LOG)).isEqualTo(tmp.resolve("shadow_monitor.log"));
        assertThat(config.path(OpsSetting.EMERGENCY_AUDIT_LOG)).isEqualTo(tmp.resolve("emergency_stop_audit.log"));
        assertThat(config.path(OpsSetting.GOLDEN_DIR)).isEqualTo(tmp.resolve("golden"));

        OpsConfig flagged = config.with(OpsSetting.STATE_DIR, tmp.resolve("other"));
        assertThat(flagged.path(OpsSetting.ALERTS_FILE)).isEqualTo(tmp.resolve("other/shadow_alerts.json"));
    }

    @Test
    void reportsDirIsTheSeedsRootReportsUnlessSetAndTheStateDirDoesNotMoveIt(@TempDir Path tmp) {
        assertThat(OpsConfig.of(Map.of()).path(OpsSetting.REPORTS_DIR)).isEqualTo(Path.of("/root/reports"));
        assertThat(OpsConfig.of(Map.of("AOS_STATE_DIR", tmp.toString())).path(OpsSetting.REPORTS_DIR))
                .isEqualTo(Path.of("/root/reports"));
        OpsConfig env = OpsConfig.of(Map.of("AOS_REPORTS_DIR", tmp.resolve("reports").toString()));
        assertThat(env.path(OpsSetting.REPORTS_DIR)).isEqualTo(tmp.resolve("reports"));
        assertThat(env.with(OpsSetting.REPORTS_DIR, tmp.resolve("flag")).path(OpsSetting.REPORTS_DIR))
                .isEqualTo(tmp.resolve("flag"));
    }

    @Test
    void aSpecificVariableBeatsTheStateDir(@TempDir Path tmp) {
        OpsConfig config = OpsConfig.of(Map.of(
                "AOS_STATE_DIR", tmp.toString(), "GOLDEN_DIR", tmp.resolve("g").toString()));
        assertThat(config.path(OpsSetting.GOLDEN_DIR)).isEqualTo(tmp.resolve("g"));
    }

    @Test
    void emptyValuesAreIgnored(@TempDir Path tmp) {
        OpsConfig config = OpsConfig.of(Map.of("AOS_STATE_DIR", "")).with(OpsSetting.STATE_DIR, (String) null);
        assertThat(config.get(OpsSetting.STATE_DIR)).isEqualTo("/var/lib/aos");
    }

    @Test
    void reportsDirIsTheSeedsRootReportsUnlessAosReportsDirOrAFlagMovesIt(@TempDir Path tmp) {
        assertThat(OpsConfig.of(Map.of()).get(OpsSetting.REPORTS_DIR)).isEqualTo("/root/reports");
        OpsConfig env = OpsConfig.of(Map.of("AOS_REPORTS_DIR", tmp.resolve("env").toString()));
        assertThat(env.path(OpsSetting.REPORTS_DIR)).isEqualTo(tmp.resolve("env"));
        assertThat(env.with(OpsSetting.REPORTS_DIR, tmp.resolve("flag")).path(OpsSetting.REPORTS_DIR))
                .isEqualTo(tmp.resolve("flag"));
    }

    @Test
    void rootedAtKeepsEveryPathBelowTheRoot(@TempDir Path tmp) {
        OpsConfig config = OpsConfig.rootedAt(tmp);
        for (OpsSetting setting : OpsSetting.values()) {
            String value = config.get(setting);
            if (value.startsWith("/")) {
                assertThat(Path.of(value).startsWith(tmp)).as(setting.name() + " = " + value).isTrue();
            }
        }
    }

    @Test
    void aBadNumberNamesTheVariable() {
        OpsConfig config = OpsConfig.of(Map.of("RETENTION_DAYS", "seven"));
        assertThatThrownBy(() -> config.intValue(OpsSetting.RETENTION_DAYS))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining("RETENTION_DAYS")
                .hasMessageContaining("seven")
                .isInstanceOf(BadConfigurationException.class);
    }
}
