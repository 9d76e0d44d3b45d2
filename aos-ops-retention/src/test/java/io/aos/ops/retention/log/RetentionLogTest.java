package io.aos.ops.retention.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line per action whatever a message holds: a file name with a newline cannot add a line that looks like the
 * tool's own, nor an escape sequence reach the operator's terminal.
 */
class RetentionLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T16:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    @Test
    void aNameWithANewlineStaysOnItsLineInTheFileAndOnTheConsole() throws Exception {
        Path file = tmp.resolve("golden_retention.log");
        List<String> console = new ArrayList<>();
        RetentionLog log = new RetentionLog(file, CLOCK, console::add);
        log.action("Left evil\n[2026-12-03T00:00:00Z] Archive complete\nx.json unarchived");
        log.say("  \u001b[31mred\u001b[0m.json\r");
        assertThat(Files.readAllLines(file)).containsExactly(
                "[2026-12-03T16:00:00Z] Left evil\\n[2026-12-03T00:00:00Z] Archive complete\\nx.json unarchived");
        assertThat(console).containsExactly(
                "Left evil\\n[2026-12-03T00:00:00Z] Archive complete\\nx.json unarchived",
                "  \\x1b[31mred\\x1b[0m.json\\r");
    }

    @Test
    void oneLineLeavesNoControlCharacterAndChangesNothingElse() {
        SplittableRandom r = new SplittableRandom(20261203L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(40); n > 0; n--) {
                b.append((char) (r.nextBoolean() ? r.nextInt(0x20, 0x7f) : r.nextInt(0, 0x200)));
            }
            String s = b.toString();
            String line = RetentionLog.oneLine(s);
            assertThat(hasControl(line)).as("%s", line).isFalse();
            if (!hasControl(s)) {
                assertThat(line).isSameAs(s);
            }
            // the model: each control character as its escape, every other character as it is
            StringBuilder model = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c == '\n') {
                    model.append("\\n");
                } else if (c == '\r') {
                    model.append("\\r");
                } else if (c == '\t') {
                    model.append("\\t");
                } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    model.append(String.format("\\x%02x", (int) c));
                } else {
                    model.append(c);
                }
            }
            assertThat(line).isEqualTo(model.toString());
        }
    }
}
