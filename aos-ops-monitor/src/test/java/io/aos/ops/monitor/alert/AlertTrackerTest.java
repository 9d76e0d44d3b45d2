package io.aos.ops.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.health.Verdict;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AlertTrackerTest {

    @TempDir
    Path tmp;

    private static HealthReport report(ProbeResult... results) {
        return new HealthReport(OffsetDateTime.parse("2026-11-28T03:00:00Z"), Verdict.HEALTHY, HealthStatus.OK,
                Optional.empty(), new RunProgress(0, 0, 0, 0, 0, 0, new TreeMap<>(), "log"), 1, List.of(results), false,
                new WatchedRun(Optional.empty(), Optional.empty()));
    }

    private static ProbeResult stale(HealthStatus status, long age) {
        return ProbeResult.of("freshness", status, "Log stale: no update for " + age + "s", Map.of());
    }

    @Test
    void anAlertIsRaisedOnceWhileTheConditionLastsThenClearedOnce() {
        AlertTracker tracker = new AlertTracker();

        assertThat(tracker.update(report(stale(HealthStatus.OK, 10)))).isEmpty();
        assertThat(tracker.update(report(stale(HealthStatus.WARNING, 700))))
                .extracting(Alert::event).containsExactly(Alert.Event.RAISED);
        assertThat(tracker.update(report(stale(HealthStatus.WARNING, 1000)))).isEmpty();
        assertThat(tracker.update(report(stale(HealthStatus.CRITICAL, 1900))))
                .extracting(Alert::event).containsExactly(Alert.Event.CHANGED);
        assertThat(tracker.update(report(stale(HealthStatus.OK, 5))))
                .extracting(Alert::event).containsExactly(Alert.Event.CLEARED);
        assertThat(tracker.update(report(stale(HealthStatus.OK, 5)))).isEmpty();
    }

    @Test
    void aNewMismatchCountIsAChange() {
        AlertTracker tracker = new AlertTracker();
        ProbeResult three = ProbeResult.of("mismatches", HealthStatus.CRITICAL, "3", Map.of()).withCondition("m=3");
        ProbeResult five = ProbeResult.of("mismatches", HealthStatus.CRITICAL, "5", Map.of()).withCondition("m=5");

        tracker.update(report(three));

        assertThat(tracker.update(report(three))).isEmpty();
        assertThat(tracker.update(report(five))).extracting(Alert::event).containsExactly(Alert.Event.CHANGED);
    }

    @Test
    void jsonLinesAreEscapedAndAFailingSinkDoesNotStopTheOthers() throws Exception {
        Path alerts = tmp.resolve("shadow_alerts.json");
        AlertSink broken = new AlertSink() {
            @Override public String name() { return "broken"; }
            @Override public void send(Alert alert) throws java.io.IOException { throw new java.io.IOException("down"); }
        };
        AlertDispatcher dispatcher = new AlertDispatcher(List.of(broken, new JsonLinesSink(alerts)));
        Alert alert = new Alert("2026-11-28T03:00:00+00:00", HealthStatus.CRITICAL, "mismatches",
                Alert.Event.RAISED, "quote \" and\nnewline");

        List<String> failures = dispatcher.dispatch(List.of(alert));

        assertThat(failures).containsExactly("could not send alert to broken: down");
        assertThat(Files.readAllLines(alerts)).containsExactly("{\"timestamp\":\"2026-11-28T03:00:00+00:00\","
                + "\"level\":\"CRITICAL\",\"message\":\"quote \\\" and\\nnewline\",\"probe\":\"mismatches\","
                + "\"event\":\"raised\"}");
    }

    @Test
    void withoutASyslogSocketTheLineGoesToStderr() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SyslogSink sink = new SyslogSink(tmp.resolve("no-such-socket"), SyslogSink.TAG,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        sink.send(new Alert("ts", HealthStatus.CRITICAL, "process", Alert.Event.RAISED, "Shadow process NOT RUNNING"));

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("shadow-monitor: CRITICAL: Shadow process NOT RUNNING" + System.lineSeparator());
        assertThat(sink.command(HealthStatus.CRITICAL, "m")).containsSubsequence("-t", "shadow-monitor", "-p",
                "user.crit");
    }
}
