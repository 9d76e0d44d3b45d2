package io.aos.ops.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.ExitMode;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.ProcessSource;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.ProcessProbe;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The status line's word and the exit code say the same thing, for every combination of probe results: the word is
 * checked against the exit codes of both conventions, worked out by an independent model of "worst wins".
 */
class VerdictPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final HealthStatus[] STATUSES = HealthStatus.values();

    private static RunSnapshot snapshot() {
        return new RunSnapshot(NOW, new WatchedRun(Optional.of(Path.of("run")), Optional.of(Path.of("run.log"))),
                Optional.empty(), List.of(), List.of(), Optional.empty(), ProcessSource.NONE, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, new RunProgress(3, 3, 27, 27, 0, 0, new TreeMap<>(), "log"));
    }

    /** The model's rank: OK < WARNING < UNKNOWN < CRITICAL (an unreadable input never hides a CRITICAL). */
    private static int rank(HealthStatus s) {
        return List.of(HealthStatus.OK, HealthStatus.WARNING, HealthStatus.UNKNOWN, HealthStatus.CRITICAL).indexOf(s);
    }

    @Test
    void theWordOfTheStatusLineAgreesWithTheExitCodeForEveryCombinationOfProbes() {
        int combinations = 0;
        for (int probes = 1; probes <= 4; probes++) {
            int[] digits = new int[probes];
            for (int n = 0; n < Math.pow(STATUSES.length, probes); n++) {
                int rest = n;
                List<ProbeResult> results = new ArrayList<>();
                HealthStatus modelWorst = HealthStatus.OK;
                for (int i = 0; i < probes; i++) {
                    digits[i] = rest % STATUSES.length;
                    rest /= STATUSES.length;
                    HealthStatus s = STATUSES[digits[i]];
                    modelWorst = rank(s) > rank(modelWorst) ? s : modelWorst;
                    results.add(ProbeResult.of("p" + i, s, "probe " + i + " " + s, Map.of()));
                }
                for (boolean completed : new boolean[] {false, true}) {
                    List<ProbeResult> all = new ArrayList<>(results);
                    all.add(ProbeResult.of("process", HealthStatus.OK, "process",
                            Map.of(ProcessProbe.COMPLETED, completed)));
                    HealthReport report = HealthCheck.combine(snapshot(), all, false,
                            OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
                    Verdict word = report.verdict();
                    int exit = ExitMode.DEFAULT.exitCode(report.status());
                    int nagios = ExitMode.NAGIOS.exitCode(report.status());
                    assertThat(report.status()).isEqualTo(modelWorst);
                    Set<Verdict> allowed = switch (nagios) {
                        case 0 -> Set.of(completed ? Verdict.COMPLETED : Verdict.HEALTHY);
                        case 1 -> Set.of(completed ? Verdict.COMPLETED : Verdict.DEGRADED);
                        case 2 -> Set.of(Verdict.CRITICAL);
                        default -> Set.of(Verdict.UNKNOWN);
                    };
                    assertThat(allowed).as("%s, completed %s", all, completed).contains(word);
                    assertThat(exit).as("%s", word).isEqualTo(switch (word) {
                        case HEALTHY, COMPLETED, DEGRADED -> 0;
                        case CRITICAL -> 1;
                        case UNKNOWN -> 2;
                    });
                    assertThat(report.statusLine()).contains("] " + word + ": ");
                    combinations++;
                }
            }
        }
        assertThat(combinations).isEqualTo(2 * (4 + 16 + 64 + 256));
    }
}
