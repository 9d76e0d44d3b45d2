package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.metrics.WebhookReceiver.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting path end to end, with real servers on loopback: the monitor daemon watches a run and serves its
 * metrics, a real Prometheus scrapes it and evaluates the shipped rules, a real Alertmanager routes the alerts with the
 * shipped configuration, and a webhook receiver in the test collects the notifications.
 *
 * <p>Time is compressed for the alerts under test: their minutes are read as seconds (see
 * {@link AlertRules#minutesAsSeconds}), and the Alertmanager copy waits a second per group
 * ({@link AlertmanagerConfig#forTest}); routes, grouping and inhibitions are as shipped.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertmanagerRoutingIT {

    @TempDir
    Path tmp;

    private WebhookReceiver receiver;
    private AlertmanagerServer alertmanager;
    private PrometheusServer prometheus;
    private MonitorUnderTest monitor;

    @AfterEach
    void stopEverything() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /**
     * A real shadow run with exactly one injected flaw: its one mismatch reaches the pager receiver as one
     * notification naming the run and the root cause, then as one resolved notification once the alert's window
     * (15 minutes, read here as 15 seconds) has passed it.
     */
    @Test
    void oneInjectedMismatchIsOneNotificationWithItsRunAndRootCauseThenOneResolved() throws Exception {
        Path runDir = tmp.resolve("shadow_simulation_alerting");
        Files.createDirectories(runDir);
        startStack(runDir, "AosShadowMismatchDetected");
        awaitScraped("aos_monitor_last_check_timestamp_seconds");

        ShadowRunResult result = MonitorUnderTest.runWithOneFlaw(runDir, "unseeded-rng");
        assertThat(result.mismatches()).as("the run's mismatches").isEqualTo(1);

        Notification resolved = awaitNotification("the resolved notification", n -> n.status().equals("resolved"));

        List<Notification> all = receiver.received();
        assertThat(all).as("every notification: %s", all).hasSize(2);
        Notification firing = all.get(0);
        assertThat(firing.status()).isEqualTo("firing");
        assertThat(firing.path()).isEqualTo("/aos-ops-pager");
        assertThat(firing.body().path("groupLabels").path("run").asText()).isEqualTo(runDir.getFileName().toString());
        assertThat(firing.alerts()).singleElement().satisfies(alert -> {
            assertThat(labels(alert)).containsEntry("alertname", "AosShadowMismatchDetected")
                    .containsEntry("severity", "critical").containsEntry("host", "127.0.0.1")
                    .containsEntry("run", "shadow_simulation_alerting").containsEntry("root_cause", "UNSEEDED_RNG");
            assertThat(alert.path("annotations").path("summary").asText())
                    .contains("shadow_simulation_alerting", "UNSEEDED_RNG");
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .isEqualTo("docs/runbooks/incident.md#4-act-on-the-root-cause");
        });
        assertThat(resolved.path()).isEqualTo("/aos-ops-pager");
        assertThat(resolved.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.path("status").asText()).isEqualTo("resolved");
            assertThat(labels(alert)).isEqualTo(labels(firing.alerts().get(0)));
        });
    }

    /**
     * The runner dies without recording an end: the monitor's process probe sees it, and the dead-runner alert pages
     * with the run it watched.
     */
    @Test
    void aDeadRunnerIsPagedWithItsRun() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "deadrunner")) {
            ProcessHandle runner = run.startRunner();
            run.runningStatus(runner, 3, Instant.now());
            startStack(run.root(), "AosShadowRunnerDead");
            awaitScraped("aos_shadow_run_state{state=\"running\"} == 1");
            awaitScraped("aos_monitor_check_status{probe=\"process\"} == 0");

            runner.destroyForcibly();
            runner.onExit().get(15, TimeUnit.SECONDS);
            Notification page = awaitNotification("the dead-runner page", n -> n.status().equals("firing"));

            assertThat(page.path()).isEqualTo("/aos-ops-pager");
            assertThat(page.alerts()).singleElement().satisfies(alert -> {
                assertThat(labels(alert)).containsEntry("alertname", "AosShadowRunnerDead")
                        .containsEntry("severity", "critical").containsEntry("host", "127.0.0.1")
                        .containsEntry("run", run.root().getFileName().toString());
                assertThat(alert.path("annotations").path("runbook_url").asText())
                        .isEqualTo("docs/runbooks/incident.md#process-died-or-stuck");
            });
        }
    }

    /**
     * The shipped inhibition, against the real Alertmanager: while the emergency stop is engaged on host-a, host-a's
     * warning is held back (Alertmanager says it is inhibited by the stop) and its critical alerts still page;
     * host-b's warning still reaches the ticket receiver.
     */
    @Test
    void theEmergencyStopHoldsBackItsHostsWarningsOnly() throws Exception {
        receiver = WebhookReceiver.start();
        alertmanager = AlertmanagerServer.start(tmp.resolve("alertmanager"),
                AlertmanagerConfig.forTest(tmp.resolve("alertmanager"), receiver::url));

        alertmanager.post("""
                [
                  {"labels": {"alertname": "AosEmergencyStopEngaged", "severity": "critical", "host": "host-a"}},
                  {"labels": {"alertname": "AosShadowMismatchDetected", "severity": "critical", "host": "host-a",
                              "run": "r1", "root_cause": "SEED_MISMATCH"}},
                  {"labels": {"alertname": "AosShadowRunNotProgressing", "severity": "warning", "host": "host-a",
                              "run": "r1"}},
                  {"labels": {"alertname": "AosShadowRunNotProgressing", "severity": "warning", "host": "host-b",
                              "run": "r2"}}
                ]
                """);
        alertmanager.await("host-a's warning marked inhibited by the stop", () -> {
            JsonNode alerts = io.aos.ops.core.json.OpsJson.mapper().readTree(alertmanager.get(
                    "/api/v2/alerts?filter=alertname%3D%22AosShadowRunNotProgressing%22&filter=host%3D%22host-a%22")
                    .body());
            return alerts.size() == 1 && !alerts.get(0).path("status").path("inhibitedBy").isEmpty() ? alerts : null;
        });
        awaitNotification("host-b's ticket", n -> n.path().equals("/aos-ops-tickets"));
        alertmanager.await("both pages", () -> receiver.received().stream()
                .filter(n -> n.path().equals("/aos-ops-pager")).count() == 2 ? Boolean.TRUE : null);

        List<Notification> all = receiver.received();
        assertThat(all).filteredOn(n -> n.path().equals("/aos-ops-tickets"))
                .flatExtracting(Notification::alerts).extracting(a -> labels(a).get("host"))
                .containsExactly("host-b");
        assertThat(all).filteredOn(n -> n.path().equals("/aos-ops-pager"))
                .flatExtracting(Notification::alerts).extracting(a -> labels(a).get("alertname"))
                .containsExactlyInAnyOrder("AosEmergencyStopEngaged", "AosShadowMismatchDetected");
    }

    /**
     * Receiver, Alertmanager (shipped routes), the monitor daemon on {@code runDir} checking every second with its
     * metrics on a free port, and Prometheus scraping it as job aos-ops-monitor with the shipped rules, the named
     * alerts' minutes read as seconds.
     */
    private void startStack(Path runDir, String... alertsUnderTest) throws Exception {
        receiver = WebhookReceiver.start();
        alertmanager = AlertmanagerServer.start(tmp.resolve("alertmanager"),
                AlertmanagerConfig.forTest(tmp.resolve("alertmanager"), receiver::url));

        monitor = MonitorUnderTest.start(tmp, runDir);
        prometheus = PrometheusServer.start(tmp.resolve("prometheus"),
                AlertRules.minutesAsSeconds(tmp.resolve("rules"), alertsUnderTest), """
                  - job_name: aos-ops-monitor
                    static_configs:
                      - targets: ['%s']
                """.formatted(monitor.metricsTarget()), Optional.of(alertmanager.url()));
    }

    private void awaitScraped(String query) throws Exception {
        prometheus.await(query + " in Prometheus", () -> Polling.nonEmpty(prometheus.api().query(query)));
    }

    private Notification awaitNotification(String what, java.util.function.Predicate<Notification> wanted)
            throws Exception {
        List<Polling.Watched> servers = new java.util.ArrayList<>(List.of(alertmanager.watched()));
        if (prometheus != null) {
            servers.add(prometheus.watched());
        }
        servers.add(Polling.watched(() -> null, () -> "notifications: " + receiver.received()));
        return Polling.await(what, Polling.all(servers),
                () -> receiver.received().stream().filter(wanted).findFirst().orElse(null));
    }

    private static Map<String, String> labels(JsonNode alert) {
        Map<String, String> labels = new java.util.TreeMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
