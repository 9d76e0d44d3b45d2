package io.aos.ops.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order {@link ProcessTable#findAllByCommandLine} gives its matches (oldest first, a process without a start time
 * last, equal starts by PID), against the comparator chain it replaced, over generated processes.
 */
class ProcessTableOrderTest {

    @Test
    void oldestFirstWithoutAStartTimeLastThenByPidAsTheComparatorChainSorts() {
        Comparator<ProcessStatus> oracle = Comparator
                .comparing((ProcessStatus s) -> s.startTime().orElse(Instant.MAX))
                .thenComparingLong(ProcessStatus::pid);
        Random random = new Random(20261203);
        for (int round = 0; round < 500; round++) {
            List<ProcessStatus> processes = new ArrayList<>();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                // few distinct starts and PIDs, so that ties are common
                Optional<Instant> start = random.nextInt(4) == 0 ? Optional.empty()
                        : Optional.of(Instant.ofEpochSecond(1_764_000_000L + random.nextInt(3)));
                processes.add(new ProcessStatus(1 + random.nextInt(5), ProcessState.RUNNING, start,
                        Optional.of("run_shadow_simulation.sh --hours 24")));
            }
            List<ProcessStatus> sorted = new ArrayList<>(processes);
            sorted.sort(ProcessTable.OLDEST_FIRST);
            List<ProcessStatus> expected = new ArrayList<>(processes);
            expected.sort(oracle);
            assertThat(sorted).as("round %s", round).containsExactlyElementsOf(expected);
        }
    }
}
