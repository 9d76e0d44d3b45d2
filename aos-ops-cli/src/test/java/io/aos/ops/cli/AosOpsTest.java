package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AosOpsTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AosOps.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandGroupOfTheDesign() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("shadow", "monitor", "cron-check", "status", "sanity", "debug", "retention",
                "emergency-stop", "golden");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("aos-ops ");
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("a command is required");
    }

    @Test
    void anUnknownOptionIsExit2AndUnknownUnderNagios() {
        assertThat(run("--bogus").code()).isEqualTo(2);
        assertThat(run("--bogus", "--nagios").code()).isEqualTo(3);
    }
}
