package io.aos.ops.monitor.probe;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Did any replay differ from its golden file? CRITICAL when the count is above zero. The count comes from
 * {@code status.json} and {@code reports/cycle_N.json}; only for upstream runs from the log, parsed line by line
 * ({@code , 0 mismatches} is zero, never a hit). Inputs that exist but do not parse make it a WARNING, since a
 * mismatch could hide in them. When {@code status.json} says 0 but the report of its last cycle records mismatches,
 * the worse counts, and the message says where the two disagree.
 */
public final class MismatchProbe implements Probe {

    @Override
    public String name() {
        return "mismatches";
    }

    @Override
    public ProbeResult check(RunSnapshot snapshot) {
        RunProgress f = snapshot.figures();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mismatches", f.mismatches());
        figures.put("cycles_with_mismatches", f.cyclesWithMismatches());
        figures.put("mismatches_by_cycle", f.mismatchesByCycle());
        figures.put("cycles", f.cycles());
        figures.put("source", f.source());
        if (f.mismatches() > 0) {
            // Inputs that could not be read, or that disagree, are said too: they may hide more, or explain the count.
            List<String> said = new ArrayList<>(snapshot.disagreements());
            said.addAll(snapshot.problems());
            String also = said.isEmpty() ? "" : "; " + String.join("; ", said);
            return ProbeResult.of(name(), HealthStatus.CRITICAL, "MISMATCHES DETECTED: " + f.describeMismatches()
                    + also, figures).withCondition("mismatches=" + f.mismatches());
        }
        if (!snapshot.problems().isEmpty()) {
            figures.put("unreadable", snapshot.problems());
            return ProbeResult.of(name(), HealthStatus.WARNING, "No mismatches seen, but "
                    + snapshot.problems().size() + " input(s) could not be read: " + snapshot.problems().get(0),
                    figures).withCondition("unreadable=" + snapshot.problems().size());
        }
        return ProbeResult.of(name(), HealthStatus.OK,
                "0 mismatches in " + f.cycles() + " cycles (" + f.source() + ")", figures);
    }
}
