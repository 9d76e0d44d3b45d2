package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplaySamplerTest {

    private static List<ReplaySampler.Entry> runs(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new ReplaySampler.Entry("r" + i, "io", i, null)).toList();
    }

    @Test
    void theFirstCycleReplaysItsOwnRuns() {
        ReplaySampler sampler = new ReplaySampler(100);
        List<ReplaySampler.Entry> fresh = runs(0, 9);
        assertThat(sampler.select(fresh, 9, new SplittableRandom(1))).containsExactlyInAnyOrderElementsOf(fresh);
    }

    @Test
    void laterCyclesReplayHalfTheirOwnRunsAndHalfOlderOnesWithoutDuplicates() {
        ReplaySampler sampler = new ReplaySampler(100);
        SplittableRandom rng = new SplittableRandom(2);
        sampler.addAll(runs(0, 50), rng);
        List<ReplaySampler.Entry> fresh = runs(50, 9);
        List<ReplaySampler.Entry> chosen = sampler.select(fresh, 9, rng);
        assertThat(chosen).hasSize(9).doesNotHaveDuplicates();
        assertThat(chosen.stream().filter(fresh::contains).count()).isEqualTo(5);
    }

    @Test
    void theReservoirStaysBoundedAndSamplesTheWholeHistoryUniformly() {
        ReplaySampler sampler = new ReplaySampler(50);
        SplittableRandom rng = new SplittableRandom(3);
        for (int cycle = 0; cycle < 200; cycle++) {
            sampler.addAll(runs(cycle * 10, 10), rng);
        }
        assertThat(sampler.held()).isEqualTo(50);
        assertThat(sampler.seen()).isEqualTo(2000);
        // Over many independent histories, old and recent runs land in the reservoir equally often.
        Map<Boolean, Integer> firstHalf = new HashMap<>();
        for (int trial = 0; trial < 200; trial++) {
            ReplaySampler s = new ReplaySampler(50);
            SplittableRandom r = new SplittableRandom(100 + trial);
            for (int cycle = 0; cycle < 200; cycle++) {
                s.addAll(runs(cycle * 10, 10), r);
            }
            for (ReplaySampler.Entry e : s.select(new ArrayList<>(), 50, r)) {
                firstHalf.merge(e.seed() < 1000, 1, Integer::sum);
            }
        }
        double oldShare = firstHalf.get(true) / (double) (firstHalf.get(true) + firstHalf.get(false));
        assertThat(oldShare).isBetween(0.45, 0.55);
    }
}
