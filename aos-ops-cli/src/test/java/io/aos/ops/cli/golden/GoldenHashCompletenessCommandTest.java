package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golden hash} and {@code golden verify --allow-unsigned} never say OK for a trace with nothing checked. */
class GoldenHashCompletenessCommandTest {

    private static final String END = "{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r\","
            + "\"timestamp\":\"2026-12-02T03:00:00+00:00\"}\n";
    private static final String STEP_WITHOUT_HASH = "{\"data\":{\"index\":0,\"output\":{\"v\":1},\"seed\":7,"
            + "\"skill_id\":\"k\",\"step_id\":\"s0\",\"success\":true},\"event_type\":\"step\",\"run_id\":\"r\"}\n";

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void emptyBlankAndStartlessTracesFailHashAndVerifyWithTheReason() throws Exception {
        Path[] traces = {file("empty.steps.jsonl", ""), file("blank.steps.jsonl", "\n\n"),
            file("endonly.steps.jsonl", END), file("nohash.steps.jsonl", STEP_WITHOUT_HASH + END)};
        for (Path trace : traces) {
            CliRun hash = CliRun.of("golden", "hash", trace.toString());
            assertThat(hash.code()).as(trace + "\n" + hash.out()).isEqualTo(1);
            assertThat(hash.out()).as(trace.toString()).contains("NOT CHECKED");
            CliRun verify = CliRun.of("golden", "verify", "--allow-unsigned", trace.toString());
            assertThat(verify.code()).as(trace + "\n" + verify.out()).isEqualTo(1);
            assertThat(verify.out()).as(trace.toString()).startsWith("FAIL").contains("0 verified, 1 failed");
        }
        assertThat(CliRun.of("golden", "hash", traces[0].toString()).out()).contains("no events");
        assertThat(CliRun.of("golden", "hash", traces[2].toString()).out()).contains("no run_start");
        assertThat(CliRun.of("golden", "verify", "--allow-unsigned", traces[3].toString()).out())
                .contains("no output_hash");
        assertThat(CliRun.of("golden", "hash", "--json", traces[0].toString()).out()).contains("\"problems\"");
    }

    @Test
    void anUnusableIndexOrSeedIsNamedAndTheStepIsNotShownAsStepZero() throws Exception {
        String start = "{\"data\":{\"seed\":1.5},\"event_type\":\"run_start\",\"run_id\":\"r\"}\n";
        Path trace = file("bad.steps.jsonl", start + STEP_WITHOUT_HASH.replace("\"index\":0", "\"index\":-1")
                + STEP_WITHOUT_HASH.replace("\"index\":0", "\"index\":1180591620717411303424") + END);

        CliRun hash = CliRun.of("golden", "hash", trace.toString());

        assertThat(hash.code()).as(hash.out() + hash.err()).isEqualTo(1);
        assertThat(hash.out()).contains("step ? s0 k").doesNotContain("step 0").doesNotContain("invalid JSON")
                .contains("seed is not an integer: 1.5")
                .contains("step index is not a non-negative integer: -1")
                .contains("step index 1180591620717411303424 out of range");
    }

    @Test
    void textFromTheTraceAndItsNameIsShownOnOneLineWithControlCharactersEscaped() throws Exception {
        // ids, skill, stored hash and run id with JSON-escaped ESC ] (a window title), CSI, CR and a newline; the
        // file's own name holds an ESC and a BEL
        String start = "{\"data\":{\"seed\":7,\"spec_id\":\"sp\\u001b[2J\"},\"event_type\":\"run_start\","
                + "\"run_id\":\"r\\u001b]0;pwned\\u0007\"}\n";
        String step = STEP_WITHOUT_HASH.replace("\"s0\"", "\"s0\\r\\nstep 9 forged ok\"")
                .replace("\"skill_id\":\"k\"", "\"skill_id\":\"k\\u009b31m\"")
                .replace("\"seed\":7,", "\"output_hash\":\"h\\u001b[0m\",\"seed\":7,");
        Path trace = file("t\u001b[1m\u0007.steps.jsonl", start + step + END);

        for (String command : new String[] {"hash", "verify"}) {
            CliRun run = command.equals("hash") ? CliRun.of("golden", "hash", trace.toString())
                    : CliRun.of("golden", "verify", "--allow-unsigned", trace.toString());
            String shown = run.out() + run.err();
            assertThat(shown.chars().filter(c -> c != '\n' && c != '\t')
                    .filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f)).as(command + ":\n" + shown).isEmpty();
            assertThat(shown).as(command).doesNotContain("\nstep 9 forged").contains("\\x1b[1m\\x07.steps.jsonl");
        }
        String hash = CliRun.of("golden", "hash", trace.toString()).out();
        assertThat(hash).contains("run r\\x1b]0;pwned\\x07", "spec sp\\x1b[2J",
                "s0\\r\\nstep 9 forged ok k\\x9b31m", "stored h\\x1b[0m");
    }
}
