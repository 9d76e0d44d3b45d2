package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of deploy/grafana/aos-ops.json parses as PromQL, by Prometheus's own parser: promtool (Debian package
 * prometheus) has no bare parse command in the packaged version, so each query, its Grafana variables filled in,
 * becomes a recording rule of a generated rules file that {@code promtool check rules} parses.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GrafanaDashboardPromqlIT {

    @TempDir
    Path tmp;

    @Test
    void everyDashboardQueryParsesAsPromql() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        List<GrafanaDashboard.Query> queries = dashboard.queries();

        ExternalTool.Result check = checkRules(queries.stream().map(q -> dashboard.asPromql(q.expr())).toList());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    /** The check above would catch a broken query: a missing parenthesis is refused, naming the rule. */
    @Test
    void aQueryThatDoesNotParseFailsTheCheck() throws Exception {
        ExternalTool.Result check = checkRules(List.of("sum by (run) (aos_shadow_cycles_total",
                "aos_shadow_cycles_total"));

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("aos_ops_dashboard:query_1");
    }

    private ExternalTool.Result checkRules(List<String> exprs) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: aos-ops-dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("      - record: aos_ops_dashboard:query_").append(i + 1).append('\n')
                    .append("        expr: '").append(exprs.get(i).replace("'", "''")).append("'\n");
        }
        Path file = tmp.resolve("dashboard-queries.rules.yml");
        Files.writeString(file, rules);
        return ExternalTool.run(ExternalTool.require("promtool", "prometheus"), "check", "rules", file.toString());
    }
}
