package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golden diff --html}: the page beside the usual report and exit code; never over a file without --force. */
class GoldenDiffHtmlCommandTest {

    @TempDir
    Path tmp;

    private Path[] pair() throws Exception {
        String start = "{\"event_type\":\"run_start\",\"run_id\":\"r\",\"data\":{\"seed\":1}}\n";
        String step = "{\"event_type\":\"step\",\"run_id\":\"r\",\"data\":{\"index\":0,\"skill_id\":\"s\","
                + "\"seed\":%d,\"output_hash\":\"%s\"}}\n";
        Path a = Files.writeString(tmp.resolve("a.steps.jsonl"), start + String.format(step, 5, "aa"));
        Path b = Files.writeString(tmp.resolve("b.steps.jsonl"), start + String.format(step, 6, "bb"));
        return new Path[] {a, b};
    }

    @Test
    void writesThePageAndKeepsTheExitCodeOfTheDiff() throws Exception {
        Path[] p = pair();
        Path page = tmp.resolve("diff.html");

        CliRun run = CliRun.of("golden", "diff", "--html", page.toString(), p[0].toString(), p[1].toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).startsWith("CRITICAL: SEED_MISMATCH at step 0").contains("HTML report written to " + page);
        assertThat(Files.readString(page)).contains("data-root-cause=\"SEED_MISMATCH\"", "data-first-step=\"0\"");
    }

    @Test
    void anExistingFileIsRefusedUntouchedWithoutForce() throws Exception {
        Path[] p = pair();
        Path page = Files.writeString(tmp.resolve("diff.html"), "precious");

        CliRun refused = CliRun.of("golden", "diff", "--html", page.toString(), p[0].toString(), p[1].toString());

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(page.toString(), "--force");
        assertThat(page).hasContent("precious");

        CliRun forced = CliRun.of("golden", "diff", "--html", page.toString(), "--force", p[0].toString(),
                p[1].toString());
        assertThat(forced.code()).isEqualTo(1);
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void theSummaryRefusesToOverwriteToo() throws Exception {
        Path page = Files.writeString(tmp.resolve("summary.html"), "precious");
        Files.createDirectories(tmp.resolve("run/reports"));
        Files.writeString(tmp.resolve("run/reports/cycle_1.json"), "{\"timestamp\":\"2026-12-02T05:00:00+00:00\","
                + "\"primary\":{\"total\":1,\"successful\":1,\"failed\":0},\"shadow\":{\"total_replays\":1,"
                + "\"matches\":1,\"mismatches\":0},\"mismatch_details\":[],\"passed\":true}");

        CliRun refused = CliRun.of("golden", "summary", "--html", page.toString(), tmp.resolve("run").toString());

        assertThat(refused.code()).isEqualTo(2);
        assertThat(page).hasContent("precious");
        CliRun forced = CliRun.of("golden", "summary", "--html", page.toString(), "--force",
                tmp.resolve("run").toString());
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(page)).contains("data-verdict=\"PASS\"");
    }
}
