package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorpusMainTest {

    @TempDir
    Path tmp;

    @Test
    void tracePairCommandWritesThePairAndItsManifest() throws IOException {
        int code = CorpusMain.run("trace-pair", "--steps", "10", "--difference", "seed-change", "--at", "3",
                "--output", tmp.resolve("p").toString());

        assertThat(code).isZero();
        assertThat(Files.readString(tmp.resolve("p/pair.json"))).contains("\"difference\": \"seed-change\"")
                .contains("\"changed_step\": 3");
        assertThat(tmp.resolve("p/a.steps.jsonl.sig")).exists();
    }

    @Test
    void goldenFilesCommandWritesCountFiles() throws IOException {
        int code = CorpusMain.run("golden-files", "--count", "12", "--now", "2026-11-28T00:00:00Z",
                "--output", tmp.resolve("g").toString());

        assertThat(code).isZero();
        assertThat(GoldenFileCorpusTest.list(tmp.resolve("g"))).hasSize(12);
    }

    @Test
    void shadowDirCommandWritesTheCycles() throws IOException {
        int code = CorpusMain.run("shadow-dir", "--cycles", "3", "--output", tmp.resolve("s").toString());

        assertThat(code).isZero();
        assertThat(tmp.resolve("s/reports/cycle_3.json")).exists();
        assertThat(GoldenFileCorpusTest.list(tmp.resolve("s/golden"))).hasSize(27);
    }

    @Test
    void shadowDirRunnerModeIsTheRealShadowRunnerWithoutSleeps() throws IOException {
        Path dir = tmp.resolve("s");
        int code = CorpusMain.run("shadow-dir", "--runner", "--cycles", "4", "--workflows-per-cycle", "9",
                "--seed", "7", "--output", dir.toString());

        assertThat(code).isZero();
        assertThat(GoldenFileCorpusTest.list(dir.resolve("golden"))).hasSize(36);
        assertThat(dir.resolve("reports/cycle_4.json")).exists();
        assertThat(Files.readString(dir.resolve("status.json"))).contains("\"state\" : \"completed\"");
        assertThat(Files.readString(dir.resolve("shadow.log"))).contains("Shadow simulation complete: PASSED");
    }

    @Test
    void missingOutputIsAUsageError() {
        assertThat(CorpusMain.run("golden-files", "--count", "1")).isEqualTo(2);
    }

    @Test
    void nonEmptyOutputIsRefusedWithExitTwo() throws IOException {
        Files.writeString(tmp.resolve("keep.txt"), "x");

        assertThat(CorpusMain.run("shadow-dir", "--cycles", "1", "--output", tmp.toString())).isEqualTo(2);
    }

    @Test
    void unknownDifferenceIsAUsageError() {
        assertThat(CorpusMain.run("trace-pair", "--difference", "bogus", "--output", tmp.resolve("p").toString()))
                .isEqualTo(2);
    }
}
