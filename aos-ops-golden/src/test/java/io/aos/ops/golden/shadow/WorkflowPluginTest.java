package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WorkflowPluginTest {

    @Test
    void discoverFindsPluginsBesideTheBuiltins() {
        assertThat(WorkflowRegistry.discover().types()).containsExactly("compute", "io", "llm", CounterPlugin.TYPE);
        assertThat(WorkflowRegistry.builtins().types()).containsExactly("compute", "io", "llm");
    }

    @Test
    void aPluggedInNonDeterministicSkillIsCaughtAsADeterminismViolationAtItsStep(@TempDir Path tmp) {
        WorkflowRegistry.Builder builder = WorkflowRegistry.builder()
                .skill("transform_json", WorkflowRegistry.builtins().skill("transform_json").orElseThrow());
        new CounterPlugin().register(builder);
        WorkflowRegistry onlyCounter = builder.build();
        ShadowRunOptions options = ShadowRunOptions.builder(tmp.resolve("run")).cycles(1L).workflowsPerCycle(3)
                .cycleInterval(Duration.ZERO).seed(3L).build();
        ShadowRunResult result = new ShadowRunner(options, onlyCounter, StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();

        assertThat(result.mismatches()).isEqualTo(3);
        CycleReport report = OpsJson.read(ShadowRunLayout.of(tmp.resolve("run")).cycleReport(1), CycleReport.class);
        assertThat(report.mismatchDetails()).allSatisfy(d -> {
            assertThat(d.rootCause()).isEqualTo("DETERMINISM_VIOLATION");
            assertThat(d.firstDivergingStep()).isEqualTo(1);
            assertThat(d.severity()).isEqualTo("CRITICAL");
        });
    }
}
