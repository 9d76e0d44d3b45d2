package io.aos.ops.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.alert.SyslogSink;
import io.aos.ops.monitor.cron.CronCheck;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status line of {@code monitor check}, the Nagios line of {@code cron-check --nagios} and the syslog line quote
 * probe messages, which quote file names and values of {@code status.json}: each stays one line without a control
 * character, whatever the message holds.
 */
class StatusLineControlCharactersTest {

    /** A {@code status.json} message that retitles the terminal and forges a line of its own. */
    static final String FORGED = "run failed: \u001b]0;owned\u0007ok\r\n[2026-12-03T03:00:00+00:00] HEALTHY: all fine";

    private static HealthReport report(String message) {
        return new HealthReport(OffsetDateTime.parse("2026-12-03T03:00:00Z"), Verdict.CRITICAL, HealthStatus.CRITICAL,
                Optional.empty(), new RunProgress(1, 1, 9, 9, 0, 0, new TreeMap<>(), "status.json"), 1,
                List.of(ProbeResult.of("state", HealthStatus.CRITICAL, message, Map.of())), false,
                new WatchedRun(Optional.empty(), Optional.empty()));
    }

    private static boolean noControl(String line) {
        return line.chars().noneMatch(c -> ControlCharacters.isControl((char) c));
    }

    @Test
    void theStatusLineShowsAMessagesControlCharactersAsEscapes() {
        assertThat(report(FORGED).statusLine()).isEqualTo("[2026-12-03T03:00:00+00:00] CRITICAL: PID=none, Cycles=1, "
                + "Success=1, Disk=1%, Issues=1: CRITICAL run failed: \\x1b]0;owned\\x07ok\\r\\n"
                + "[2026-12-03T03:00:00+00:00] HEALTHY: all fine");
    }

    @Test
    void theNagiosLineIsOneLineWithoutControlCharactersAndOneBar() {
        String line = new CronCheck.Outcome(report(FORGED), HealthStatus.CRITICAL, List.of(), List.of()).nagiosLine();
        assertThat(line).startsWith("SHADOW CRITICAL - run failed: \\x1b]0;owned\\x07ok [2026-12-03T03:00:00+00:00] "
                + "HEALTHY: all fine | ");
    }

    @Test
    void anyMessageLeavesBothLinesSingleWithoutControlCharacters() {
        SplittableRandom random = new SplittableRandom(20261203L);
        for (int i = 0; i < 1000; i++) {
            StringBuilder message = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                message.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x20, 0x3000)
                        : (char) random.nextInt(0, 0xa0));
            }
            HealthReport report = report(message.toString());
            String status = report.statusLine();
            String nagios = new CronCheck.Outcome(report, HealthStatus.CRITICAL, List.of(), List.of()).nagiosLine();
            assertThat(noControl(status)).as("%s", status).isTrue();
            assertThat(noControl(nagios)).as("%s", nagios).isTrue();
            assertThat(nagios.chars().filter(c -> c == '|').count()).as("%s", nagios).isEqualTo(1);
        }
    }

    @Test
    void aSyslogLineWrittenToStderrIsOneLineWithoutControlCharacters(@TempDir Path tmp) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SyslogSink sink = new SyslogSink(tmp.resolve("no-socket"), "shadow-monitor",
                new PrintStream(err, true, StandardCharsets.UTF_8));

        sink.send(new Alert("2026-12-03T03:00:00+00:00", HealthStatus.CRITICAL, "state", Alert.Event.RAISED, FORGED));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("shadow-monitor: CRITICAL: run failed: "
                + "\\x1b]0;owned\\x07ok\\r\\n[2026-12-03T03:00:00+00:00] HEALTHY: all fine" + System.lineSeparator());
    }
}
