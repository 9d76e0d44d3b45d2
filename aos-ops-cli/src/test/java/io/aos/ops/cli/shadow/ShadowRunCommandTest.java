package io.aos.ops.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flags of {@code shadow run} that are decided before a run starts: no run, no process, no thread. */
class ShadowRunCommandTest {

    @TempDir
    Path tmp;

    @Test
    void dashHIsHoursAndTakesDecimals() {
        ShadowRunCommand command = new ShadowRunCommand();
        new CommandLine(command).parseArgs("-h", "0.0003");
        assertThat(command.hours).isEqualTo(0.0003);
        ShadowRunCommand longForm = new ShadowRunCommand();
        new CommandLine(longForm).parseArgs("--hours", "0.25");
        assertThat(longForm.hours).isEqualTo(0.25);
        assertThat(longForm.help).isFalse();
    }

    @Test
    void zeroOrNegativeCyclesAreAUsageErrorAndCreateNothing() {
        for (String cycles : new String[] {"0", "-3"}) {
            Path out = tmp.resolve("run" + cycles);
            CliRun r = CliRun.capturingSystemStreams("shadow", "run", "--cycles", cycles, "-o", out.toString());
            assertThat(r.code()).as(cycles).isEqualTo(2);
            assertThat(r.err()).contains("--cycles must be >= 1, not " + cycles);
            assertThat(out).as(cycles).doesNotExist();
        }
    }
}
