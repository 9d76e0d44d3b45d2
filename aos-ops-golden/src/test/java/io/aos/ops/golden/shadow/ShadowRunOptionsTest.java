package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShadowRunOptionsTest {

    private final Path out = Path.of("unused");

    @Test
    void theRemainderOfWorkflowsPerCycleGoesToTheFirstWorkersNotDropped() {
        ShadowRunOptions o = ShadowRunOptions.builder(out).seed(1L).build();
        assertThat(o.split()).isEqualTo("4+3+3");
        assertThat(o.workflowsOfWorker(0) + o.workflowsOfWorker(1) + o.workflowsOfWorker(2)).isEqualTo(10);
    }

    @Test
    void withoutABoundTheRunLastsOneHour() {
        ShadowRunOptions o = ShadowRunOptions.builder(out).seed(1L).build();
        assertThat(o.hours()).hasValue(1.0);
        assertThat(o.maxCycles()).isEmpty();
        assertThat(o.cycleInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void quickMeansThreeCyclesAShortIntervalAndNoTimeBoundUnlessFlagsSayOtherwise() {
        ShadowRunOptions o = ShadowRunOptions.builder(out).quick(true).seed(1L).build();
        assertThat(o.maxCycles()).hasValue(3);
        assertThat(o.hours()).isEmpty();
        assertThat(o.cycleInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ShadowRunOptions.builder(out).quick(true).cycles(5L).seed(1L).build().maxCycles()).hasValue(5);
    }

    @Test
    void decimalHoursAreAccepted() {
        assertThat(ShadowRunOptions.builder(out).hours(0.25).seed(1L).build().hours()).hasValue(0.25);
    }

    @Test
    void impossibleValuesAreUsageErrorsNamingTheFlag() {
        assertThatThrownBy(() -> ShadowRunOptions.builder(out).hours(-1.0).build())
                .isInstanceOf(AosOpsException.class).hasMessageContaining("--hours");
        assertThatThrownBy(() -> ShadowRunOptions.builder(out).workers(0).build())
                .isInstanceOf(AosOpsException.class).hasMessageContaining("--workers");
        assertThatThrownBy(() -> ShadowRunOptions.builder(out).workflowsPerCycle(0).build())
                .isInstanceOf(AosOpsException.class).hasMessageContaining("--workflows-per-cycle");
    }

    @Test
    void injectionsParseKindAndRate() {
        assertThat(FaultInjection.parse("volatile-leak")).isEqualTo(
                new FaultInjection(FaultKind.VOLATILE_LEAK, FaultInjection.DEFAULT_RATE));
        assertThat(FaultInjection.parse("unordered:0.5")).isEqualTo(new FaultInjection(FaultKind.UNORDERED, 0.5));
        assertThatThrownBy(() -> FaultInjection.parse("cosmic-ray")).hasMessageContaining("unknown fault kind");
        assertThatThrownBy(() -> FaultInjection.parse("unordered:2")).hasMessageContaining("(0, 1]");
    }

    @Test
    void zeroOrNegativeCyclesAreUsageErrors() {
        for (long cycles : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> ShadowRunOptions.builder(out).cycles(cycles).seed(1L).build()).as("" + cycles)
                    .isInstanceOf(AosOpsException.class)
                    .hasMessageContaining("--cycles must be >= 1")
                    .isInstanceOf(BadConfigurationException.class);
        }
        assertThat(ShadowRunOptions.builder(out).cycles(1L).seed(1L).build().maxCycles()).hasValue(1);
    }
}
