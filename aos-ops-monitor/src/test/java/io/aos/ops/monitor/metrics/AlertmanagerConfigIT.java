package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/alertmanager checked by Alertmanager's own tool, amtool (Debian package prometheus-alertmanager), and the
 * example Prometheus config that feeds it by promtool.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AlertmanagerConfigIT {

    @Test
    void amtoolAcceptsEveryShippedConfig() throws Exception {
        List<String> args = new ArrayList<>(List.of("check-config"));
        try (Stream<Path> files = Files.list(AlertmanagerConfig.file().getParent())) {
            files.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(f -> args.add(f.toString()));
        }
        ExternalTool.Result check = ExternalTool.run(amtool(), args.toArray(String[]::new));

        assertThat(args).as("configs found").hasSizeGreaterThan(1);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    /** The example Prometheus config loads the rules and sends their alerts to an Alertmanager. */
    @Test
    void promtoolAcceptsTheExamplePrometheusConfigWithItsRulesAndAlertmanager() throws Exception {
        Path example = AlertRules.file().resolveSibling("prometheus-scrape.example.yml");
        ExternalTool.Result check = ExternalTool.run(ExternalTool.require("promtool", "prometheus"),
                "check", "config", example.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("1 rule files found", "aos-ops-rules.yml");
        assertThat(Files.readString(example)).containsPattern("(?m)^alerting:\\n  alertmanagers:");
    }

    /** Each shipped alert, with the labels its rule gives it, reaches the receiver its severity says: critical pages. */
    @Test
    void everyShippedAlertIsRoutedByItsSeverity() throws Exception {
        assertThat(AlertmanagerConfig.receivers()).containsExactly("aos-ops-pager", "aos-ops-tickets");
        for (AlertRules.Alert alert : AlertRules.alerts()) {
            ExternalTool.Result route = ExternalTool.run(amtool(), "config", "routes", "test",
                    "--config.file=" + AlertmanagerConfig.file(), "alertname=" + alert.name(),
                    "severity=" + alert.severity(), "host=shadow-host-01", "run=shadow_simulation_20261128_020000");

            assertThat(route.exitCode()).as(route.output()).isZero();
            assertThat(route.output().lines().filter(l -> !l.startsWith("Warning:")).toList()).as(alert.name())
                    .containsExactly(alert.severity().equals("critical") ? "aos-ops-pager" : "aos-ops-tickets");
        }
    }

    private static Path amtool() {
        return ExternalTool.require("amtool", "prometheus-alertmanager");
    }
}
