package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.AosOps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every monitoring command's --help renders cleanly for the operator (no picocli format warnings, 80 columns). */
class MonitorHelpTest {

    @ParameterizedTest(name = "aos-ops {0} --help")
    @ValueSource(strings = {"monitor", "monitor start", "monitor stop", "monitor status", "monitor check",
        "cron-check", "status", "sanity", "cron", "cron install", "cron remove", "cron show"})
    void helpRendersWithoutWarnings(String command) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = AosOps.run((command + " --help").split(" "));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        String help = out.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(help).contains("Usage: aos-ops " + command);
        assertThat(help + err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
    }
}
