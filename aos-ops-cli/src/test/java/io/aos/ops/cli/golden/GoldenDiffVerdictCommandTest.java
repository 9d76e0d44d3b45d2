package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golden diff} verdicts at the top level and across formats, and the non-finite numbers Python writes. */
class GoldenDiffVerdictCommandTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private CliRun diff(Path a, Path b) {
        return CliRun.of("golden", "diff", a.toString(), b.toString());
    }

    @Test
    void documentsThatDifferAtTheTopLevelAreCriticalExit1() throws Exception {
        String[][] pairs = {{"1", "2"}, {"{}", "[]"}, {"\"a\"", "null"},
                {"{\"run_id\":\"r\",\"seed\":1,\"step_hashes\":[\"a:1\"],\"workflow_hash\":\"x\"}", "[]"}};
        int n = 0;
        for (String[] pair : pairs) {
            CliRun r = diff(file("a" + n + ".json", pair[0]), file("b" + n++ + ".json", pair[1]));
            assertThat(r.code()).as(pair[0] + " vs " + pair[1]).isEqualTo(1);
            assertThat(r.out()).as(pair[0] + " vs " + pair[1]).startsWith("CRITICAL").doesNotContain("equal");
        }
    }

    @Test
    void aSimulationGoldenAgainstAnEngineTraceIsAUsageErrorExit2() throws Exception {
        Path golden = file("r.golden.json", "{\"run_id\":\"r\",\"seed\":1,\"step_hashes\":[],\"workflow_hash\":\"x\"}");
        Path trace = file("other.steps.jsonl", "{\"event_type\":\"run_start\",\"run_id\":\"o\",\"data\":{\"seed\":2}}\n"
                + "{\"event_type\":\"run_end\",\"run_id\":\"o\",\"data\":{\"status\":\"completed\"}}\n");
        CliRun r = diff(golden, trace);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot compare").contains("r.golden.json").contains("other.steps.jsonl");
        assertThat(r.out()).doesNotContain("MATCH");
    }

    @Test
    void nanAndInfinityAsPythonWritesThemAreRead() throws Exception {
        CliRun same = diff(file("a.json", "{\"x\":NaN,\"y\":-Infinity}"), file("b.json", "{\"y\":-Infinity,\"x\":NaN}"));
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("MATCH");
        CliRun overflow = diff(file("c.json", "{\"x\":0}"), file("d.json", "{\"x\":1e999}"));
        assertThat(overflow.code()).isEqualTo(1);
        assertThat(overflow.out()).startsWith("CRITICAL").doesNotContain("FLOAT_PRECISION");
    }
}
