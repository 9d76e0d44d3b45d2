package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golden diff --skills FILE}: declared skill kinds decide the root cause; a bad file is exit 2. */
class GoldenDiffSkillsCommandTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A simulation golden and its replay whose step of {@code skill} has another hash, the seeds equal. */
    private Path[] pair(String skill) throws Exception {
        String a = "{\"run_id\":\"a\",\"seed\":1,\"step_hashes\":[\"" + skill + ":3ad99b0b0e91161d\","
                + "\"transform_json:41ef8a685e35feaf\"],\"workflow_hash\":\"x\"}";
        String b = a.replace("\"a\"", "\"b\"").replace("3ad99b0b0e91161d", "0000000000000000")
                .replace("\"x\"", "\"y\"");
        return new Path[] {file("a.golden.json", a), file("b.golden.json", b)};
    }

    @Test
    void aDeclaredKindReplacesTheGuessFromTheName() throws Exception {
        Path[] p = pair("fetch_prices");
        CliRun guessed = CliRun.of("golden", "diff", p[0].toString(), p[1].toString());
        assertThat(guessed.out()).as(guessed.err()).contains("EXTERNAL_CALL");
        Path skills = file("skills.json", "{\"fetch_prices\": \"pure\"}");
        CliRun declared = CliRun.of("golden", "diff", "--skills", skills.toString(), p[0].toString(), p[1].toString());
        assertThat(declared.code()).as(declared.err()).isEqualTo(1);
        assertThat(declared.out()).contains("DETERMINISM_VIOLATION").contains("declared pure")
                .doesNotContain("EXTERNAL_CALL");
    }

    @Test
    void aBadSkillsFileIsExit2NamingTheFileLineAndColumn() throws Exception {
        Path[] p = pair("fetch_prices");
        Path skills = file("skills.json", "{\n  \"fetch_prices\": \"remote\"\n}\n");
        CliRun r = CliRun.of("golden", "diff", "--skills", skills.toString(), p[0].toString(), p[1].toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(skills.toString()).contains("line 2, column 19").contains("unknown skill kind 'remote'")
                .doesNotContain("invalid JSON");
        assertThat(r.out()).isEmpty();
        CliRun missing = CliRun.of("golden", "diff", "--skills", tmp.resolve("none.json").toString(),
                p[0].toString(), p[1].toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.json").contains("no such file");
    }
}
