package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.text.ControlCharacters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor check} and {@code monitor status} show text from files (a run directory's name in a problem, the
 * monitor log's last lines, alerts) with control characters escaped: a name or a line with ESC, BEL, CR or a newline
 * neither acts on the terminal nor forges a line; the Nagios line stays one line with one {@code |}.
 */
class MonitorTextControlCharactersTest {

    @TempDir
    Path tmp;

    private static boolean noControl(String text) {
        return text.chars().filter(c -> c != '\n').noneMatch(c -> ControlCharacters.isControl((char) c));
    }

    /** A run directory whose name retitles the terminal, holds a '|' and a line break, and whose status.json is bad. */
    private Path forgedRun() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run\u001b]0;owned\u0007|\nFAKE"));
        Files.writeString(run.resolve("status.json"), "{\"state\": ");
        return run;
    }

    @Test
    void checkShowsAProblemNamingAForgedRunDirectoryEscapedOnOneLine() throws Exception {
        Path run = forgedRun();

        CliRun r = CliRun.of("monitor", "check", "--state-dir", tmp.resolve("state").toString(), "--run-dir",
                run.toString());

        assertThat(r.out()).contains(tmp + "/run\\x1b]0;owned\\x07|\\nFAKE/status.json");
        assertThat(noControl(r.out())).as(r.out()).isTrue();
        assertThat(r.out().lines()).hasSize(1);
    }

    @Test
    void checkNagiosLineIsOneLineWithOneBarBeforeThePerfdata() throws Exception {
        Path run = forgedRun();

        CliRun r = CliRun.of("monitor", "check", "--nagios", "--state-dir", tmp.resolve("state").toString(),
                "--run-dir", run.toString());

        assertThat(r.out().lines()).hasSize(1);
        assertThat(noControl(r.out())).as(r.out()).isTrue();
        assertThat(r.out().chars().filter(c -> c == '|').count()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains(tmp + "/run\\x1b]0;owned\\x07/\\nFAKE/status.json", " | proc_up=");
    }

    @Test
    void statusShowsTheMonitorLogsLastLinesAndAlertsEscaped() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.writeString(state.resolve("shadow_monitor.log"), "[INFO] check\n\u001b]0;owned\u0007[INFO] fine\rFAKE\n");
        Files.writeString(state.resolve("shadow_alerts.json"), "{\"message\": \"\u001b]2;x\u0007\"}\n");

        CliRun r = CliRun.of("monitor", "status", "--state-dir", state.toString());

        assertThat(r.out()).contains("  [INFO] check\n  \\x1b]0;owned\\x07[INFO] fine\\rFAKE\n",
                "  {\"message\": \"\\x1b]2;x\\x07\"}\n");
        assertThat(noControl(r.out())).as(r.out()).isTrue();
    }
}
