package io.aos.ops.golden.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o F}: a rerun replaces its own report, never a file that is not a report without {@code --force}, and
 * never one of the files compared (or its signature) at all ({@code golden diff A B -o B} once replaced the replay's
 * trace with the report).
 */
class ReportFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aPreviousReportIsReplacedAndANewFileWritten() throws Exception {
        Path json = tmp.resolve("reports/summary.json");
        ReportFiles.writeReport(json, "{\n  \"schema_version\" : 1\n}\n", false, List.of());
        ReportFiles.writeReport(json, "{\n  \"schema_version\" : 1,\n  \"x\" : 2\n}\n", false, List.of());
        assertThat(json).hasContent("{\n  \"schema_version\" : 1,\n  \"x\" : 2\n}");
        Path text = tmp.resolve("diff.txt");
        for (String verdict : List.of("MATCH: the traces match\n", "CRITICAL: SEED_MISMATCH\n", "PASS: all\n",
                "FAIL: 1 mismatches\n", "WARNING: VOLATILE_LEAK\n")) {
            ReportFiles.writeReport(text, verdict, false, List.of());
            assertThat(text).hasContent(verdict.strip());
        }
    }

    @Test
    void anotherFileIsKeptUnlessForced() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
        assertThatThrownBy(() -> ReportFiles.writeReport(notes, "MATCH: x\n", false, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not hold a report")
                .hasMessageContaining("--force");
        assertThat(notes).hasContent("my notes");
        ReportFiles.writeReport(notes, "MATCH: x\n", true, List.of());
        assertThat(notes).hasContent("MATCH: x");
    }

    @Test
    void anInputOrItsSignatureIsNeverReplacedEvenForced() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.steps.jsonl"), "{\"event_type\":\"run_start\"}\n");
        Path b = Files.writeString(tmp.resolve("b.steps.jsonl"), "MATCH: looks like a report\n");
        Path sig = Files.writeString(tmp.resolve("b.steps.jsonl.sig"), "00\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-b"), b);
        for (Path target : List.of(b, sig, link, tmp.resolve("./b.steps.jsonl"))) {
            for (boolean force : new boolean[] {false, true}) {
                assertThatThrownBy(() -> ReportFiles.writeReport(target, "MATCH: r\n", force, List.of(a, b)))
                        .as("%s, force %s", target, force).isInstanceOf(BadInputException.class)
                        .hasMessageContaining("give another file name");
            }
        }
        assertThat(b).hasContent("MATCH: looks like a report");
        assertThat(sig).hasContent("00");
    }

    @Test
    void aLinkIsFollowedAndKeptAndADirectoryRefused() throws Exception {
        Path report = Files.writeString(tmp.resolve("real.json"), "{\n  \"schema_version\" : 1\n}\n");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.json"), report);
        ReportFiles.writeReport(link, "{\n  \"schema_version\" : 1,\n  \"n\" : 3\n}\n", false, List.of());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(report).hasContent("{\n  \"schema_version\" : 1,\n  \"n\" : 3\n}");
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        assertThatThrownBy(() -> ReportFiles.writeReport(dir, "MATCH: r\n", true, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a directory");
    }
}
