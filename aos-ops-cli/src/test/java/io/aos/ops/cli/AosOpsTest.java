package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AosOpsTest {



    @Test
    void helpListsEveryCommandGroupOfTheDesign() {
        CliRun r = CliRun.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("shadow", "monitor", "cron-check", "status", "sanity", "debug", "retention",
                "emergency-stop", "golden");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("aos-ops ");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("a command is required");
    }

    @Test
    void anUnknownOptionIsExit2AndUnknownUnderNagios() {
        assertThat(CliRun.of("--bogus").code()).isEqualTo(2);
        assertThat(CliRun.of("--bogus", "--nagios").code()).isEqualTo(3);
    }
}
