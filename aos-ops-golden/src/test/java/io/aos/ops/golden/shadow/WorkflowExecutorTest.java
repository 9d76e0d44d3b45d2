package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.format.SimulationGolden;
import io.aos.ops.golden.format.SimulationGoldenWriter;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The built-in workflows reproduce upstream's hashes (its conformance vectors). */
class WorkflowExecutorTest {

    private final WorkflowExecutor executor = new WorkflowExecutor(WorkflowRegistry.builtins(), StopCheck.NEVER);

    @Test
    void committedIoSampleWithSeed74439ReproducesEveryHash() {
        WorkflowRun run = executor.run("primary-w1-280cfdcd", "io", 74439, false);
        assertThat(run.stepHashes()).containsExactly("mock_io:87bec47e62613a99", "mock_io:3e5aaa8c6e78b91a",
                "transform_json:41ef8a685e35feaf", "compute_hash:c3e33927cf3b2683");
        assertThat(run.workflowHash()).isEqualTo("85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5");
    }

    @Test
    void computeWithSeed12345MatchesUpstream() {
        WorkflowRun run = executor.run("r", "compute", 12345, false);
        assertThat(run.stepHashes()).first().isEqualTo("compute_hash:62ad1798e23f06db");
        assertThat(run.workflowHash()).isEqualTo("8c9499ad6cfd7fb45151bf1b81dd524d8872d89cf27ea34c978dfcd5cff184b2");
    }

    @Test
    void ioWithSeed12345MatchesUpstream() {
        WorkflowRun run = executor.run("r", "io", 12345, false);
        assertThat(run.stepHashes()).first().isEqualTo("mock_io:5a2890abb3dec49b");
        assertThat(run.workflowHash()).isEqualTo("6955e173f49f30406b868509a83a6c70499e01b01268d4cd81e0f0f6fb5f537f");
    }

    @Test
    void llmWithSeed12345MatchesUpstream() {
        WorkflowRun run = executor.run("r", "llm", 12345, false);
        assertThat(run.stepHashes()).first().isEqualTo("llm_stub:3ad99b0b0e91161d");
        assertThat(run.workflowHash()).isEqualTo("d64de269127d6314d9aaee00119d53f47a5c0160a54e411577bb79624cb30e8e");
        assertThat(run.steps().get(0).output().path("response").asText())
                .startsWith("Response-15554826178763638935-");
    }

    @Test
    void goldenFileIsRenderedAsPythonIndent2WithoutTrailingNewline() {
        WorkflowRun run = executor.run("primary-w1-280cfdcd", "io", 74439, false);
        SimulationGolden golden = new SimulationGolden(run.runId(), run.type(), BigInteger.valueOf(run.seed()),
                run.stepHashes(), run.workflowHash(), 0, true, null);
        assertThat(new String(SimulationGoldenWriter.toBytes(golden), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "run_id": "primary-w1-280cfdcd",
                  "workflow_type": "io",
                  "seed": 74439,
                  "step_hashes": [
                    "mock_io:87bec47e62613a99",
                    "mock_io:3e5aaa8c6e78b91a",
                    "transform_json:41ef8a685e35feaf",
                    "compute_hash:c3e33927cf3b2683"
                  ],
                  "workflow_hash": "85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5",
                  "duration_ms": 0,
                  "success": true,
                  "error": null
                }""");
    }

    @Test
    void anEngagedEmergencyStopEndsTheRunBeforeItsNextStep() {
        AtomicInteger checks = new AtomicInteger();
        WorkflowExecutor stopping = new WorkflowExecutor(WorkflowRegistry.builtins(), () -> checks.incrementAndGet() > 2);
        WorkflowRun run = stopping.run("r", "io", 1, false);
        assertThat(run.status()).isEqualTo(RunStatus.EMERGENCY_STOPPED);
        assertThat(run.steps()).hasSize(2);
        assertThat(run.workflowHash()).isEmpty();
    }

    @Test
    void eachInjectedFlawChangesTheReplayFromItsStep() {
        for (FaultKind kind : FaultKind.values()) {
            PlannedFault flaw = new PlannedFault(kind, kind == FaultKind.EXTERNAL_CALL ? 4 : 1);
            int step = flaw.step();
            WorkflowRun primary = executor.run("primary-w0-00000001", "compute", 4242, false, flaw);
            WorkflowRun replay = executor.run("shadow-00000002", "compute", 4242, true, flaw);
            assertThat(replay.workflowHash()).as(kind.flag()).isNotEqualTo(primary.workflowHash());
            assertThat(replay.stepHashes().subList(0, step)).as(kind.flag())
                    .isEqualTo(primary.stepHashes().subList(0, step));
            assertThat(replay.stepHashes().get(step)).as(kind.flag()).isNotEqualTo(primary.stepHashes().get(step));
        }
    }
}
