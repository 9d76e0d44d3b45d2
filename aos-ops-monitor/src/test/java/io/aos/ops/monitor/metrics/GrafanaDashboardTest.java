package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/aos-ops.json cannot rot silently: its queries name only series aos-ops exports (or Prometheus's own),
 * and every exported series is on it. That its queries parse as PromQL is DashboardPromqlIT's (promtool).
 */
class GrafanaDashboardTest {

    private final GrafanaDashboard dashboard = GrafanaDashboard.read();

    @Test
    void everyQueryNamesOnlyMetricsTheProjectExports() {
        Set<String> exported = ExportedMetricNames.names();

        assertThat(dashboard.queries()).hasSizeGreaterThan(20).allSatisfy(q -> assertThat(exported)
                .as("%s: %s", q.where(), q.expr())
                .containsAll(AlertRules.metricNames(dashboard.asPromql(q.expr()))));
    }

    /** A metric added to the exporter and left off the dashboard fails here, so the dashboard grows with the code. */
    @Test
    void everyExportedMetricIsOnTheDashboard() {
        Set<String> queried = new TreeSet<>();
        dashboard.queries().forEach(q -> queried.addAll(AlertRules.metricNames(dashboard.asPromql(q.expr()))));

        assertThat(queried).containsAll(ExportedMetricNames.names());
    }

    @Test
    void itIsARecentDashboardModelWithTheFiveSections() {
        JsonNode root = dashboard.root();
        assertThat(root.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(root.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.panels()).filteredOn(p -> p.path("type").asText().equals("row"))
                .extracting(p -> p.path("title").asText())
                .containsExactly("Run progress", "Mismatches by root cause", "Replay verification",
                        "Disk and golden growth", "Monitor health");
    }

    /** Every target asks the dashboard's Prometheus variable, so an import picks the data source once. */
    @Test
    void everyPanelQueriesTheChosenPrometheus() {
        assertThat(dashboard.panels()).filteredOn(p -> p.has("targets")).allSatisfy(panel -> {
            assertThat(panel.path("targets")).isNotEmpty().allSatisfy(t -> assertThat(t.path("datasource")
                    .path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}"));
        });
    }

    /** Grafana moves overlapping panels about on load: the layout is as written only if none overlap. */
    @Test
    void panelsHaveUniqueIdsAndDoNotOverlap() {
        List<JsonNode> panels = dashboard.panels();
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : panels) {
            JsonNode g = p.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertThat(box[0] + box[2]).as(p.path("title").asText()).isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(p.path("title").asText() + " overlaps another panel").isFalse();
            }
            boxes.add(box);
        }
    }

    @Test
    void variablesBecomePromqlAndLabelReplaceGroupsStay() {
        assertThat(dashboard.asPromql("rate(x{instance=~\"$instance\", run=~\"${run}\"}[$__rate_interval])"))
                .isEqualTo("rate(x{instance=~\".*\", run=~\".*\"}[5m])");
        assertThat(dashboard.asPromql("label_replace(x, \"host\", \"$1\", \"instance\", \"(.*)\")"))
                .isEqualTo("label_replace(x, \"host\", \"$1\", \"instance\", \"(.*)\")");
    }
}
