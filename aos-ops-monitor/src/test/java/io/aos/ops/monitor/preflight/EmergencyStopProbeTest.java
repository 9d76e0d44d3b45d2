package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-flight's advice on an engaged stop is the step that releases it, not 'disable' where disable cannot help. */
class EmergencyStopProbeTest {

    private static final String DISABLE = "release with 'aos-ops emergency-stop disable'";

    @TempDir
    Path root;

    private ProbeResult check(Map<String, String> env) {
        try (EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.rootedAt(root, env))) {
            return new EmergencyStopProbe(stop).check();
        }
    }

    private Path flag() throws Exception {
        return Files.createDirectories(root.resolve("state")).resolve(".workflow_emergency_stop");
    }

    @Test
    void aFlagFileIsReleasedWithDisable() throws Exception {
        Files.writeString(flag(), "");
        ProbeResult r = check(Map.of());
        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).contains(DISABLE).doesNotContain("unset");
    }

    @Test
    void theVariableInThisShellIsUnsetNotDisabled() {
        ProbeResult r = check(Map.of("WORKFLOW_EMERGENCY_STOP", "1"));
        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).contains("WORKFLOW_EMERGENCY_STOP=1 is set in this shell's environment",
                "does not change", "unset WORKFLOW_EMERGENCY_STOP").doesNotContain(DISABLE);
    }

    @Test
    void aFlagPathThatIsNotAFileIsLookedAtAndRemovedByHandNotDisabled() throws Exception {
        Files.createDirectory(flag());
        ProbeResult r = check(Map.of());
        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).contains("cannot release a flag path it cannot check", "see what is at " + flag(),
                "remove it by hand").doesNotContain(DISABLE);
    }

    @Test
    void aFlagFileAndTheVariableNeedBothSteps() throws Exception {
        Files.writeString(flag(), "");
        ProbeResult r = check(Map.of("WORKFLOW_EMERGENCY_STOP", "true"));
        assertThat(r.message()).contains(DISABLE, "also, WORKFLOW_EMERGENCY_STOP=true is set",
                "unset WORKFLOW_EMERGENCY_STOP");
    }

    @Test
    void noStopIsOk() {
        assertThat(check(Map.of("WORKFLOW_EMERGENCY_STOP", "false")).status()).isEqualTo(HealthStatus.OK);
    }
}
