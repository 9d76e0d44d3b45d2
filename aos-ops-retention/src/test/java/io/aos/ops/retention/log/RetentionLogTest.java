package io.aos.ops.retention.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
}
