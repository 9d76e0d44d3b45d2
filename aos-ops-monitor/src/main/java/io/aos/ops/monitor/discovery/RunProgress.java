package io.aos.ops.monitor.discovery;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a run has done so far, from the best source available.
 *
 * @param cycles               cycles run
 * @param successfulCycles     cycles without a mismatch (never more than {@code cycles})
 * @param workflows            primary workflows run
 * @param replays              shadow replays compared (0 when unknown)
 * @param mismatches           replays that did not match
 * @param cyclesWithMismatches cycles with at least one mismatch
 * @param mismatchesByCycle    cycle number to mismatch count, for the cycles that are known by number
 * @param source               {@code status.json}, {@code cycle reports} or {@code log}
 */
public record RunProgress(
        long cycles,
        long successfulCycles,
        long workflows,
        long replays,
        long mismatches,
        long cyclesWithMismatches,
        SortedMap<Long, Long> mismatchesByCycle,
        String source) {

    public RunProgress {
        mismatchesByCycle = Collections.unmodifiableSortedMap(new TreeMap<>(mismatchesByCycle));
        successfulCycles = Math.min(successfulCycles, cycles);
    }

    /** {@code 5 mismatches in cycles 4 (2), 11 (3)}, or {@code 5 mismatches} when no cycle is known. */
    public String describeMismatches() {
        StringBuilder text = new StringBuilder().append(mismatches).append(mismatches == 1 ? " mismatch" : " mismatches");
        if (!mismatchesByCycle.isEmpty()) {
            List<String> parts = mismatchesByCycle.entrySet().stream()
                    .limit(10)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .toList();
            text.append(mismatchesByCycle.size() == 1 ? " in cycle " : " in cycles ").append(String.join(", ", parts));
            if (mismatchesByCycle.size() > 10) {
                text.append(" and ").append(mismatchesByCycle.size() - 10).append(" more");
            }
        } else if (cyclesWithMismatches > 0) {
            text.append(" in ").append(cyclesWithMismatches).append(cyclesWithMismatches == 1 ? " cycle" : " cycles");
        }
        return text.toString();
    }
}
