package io.aos.ops.golden.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses which recorded runs a cycle replays, without upstream's bias toward the oldest files and without listing
 * the golden directory every cycle. A cycle replays as many runs as it recorded: half of them (rounded up) drawn from
 * this cycle's own runs, so a fresh flaw shows up at once, and the rest drawn uniformly from every older run. Older
 * runs are kept in a fixed-size reservoir (Vitter's algorithm R): after n runs each older run is in it with the same
 * probability, so the draw is uniform over the whole history while memory stays flat, however long the run.
 * When one side has too few runs the other fills the gap. No run is drawn twice in one cycle.
 */
final class ReplaySampler {

    /** What a replay needs to know about a recorded run. */
    record Entry(String runId, String type, long seed, PlannedFault flaw) {
    }

    static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final List<Entry> reservoir;
    private long seen;

    ReplaySampler(int capacity) {
        this.capacity = capacity;
        this.reservoir = new ArrayList<>(Math.min(capacity, 1024));
    }

    /** Up to {@code count} runs to replay: from {@code fresh} (this cycle's) and from older runs. */
    List<Entry> select(List<Entry> fresh, int count, SplittableRandom rng) {
        int fromFresh = Math.min(fresh.size(), (count + 1) / 2);
        int fromOlder = Math.min(reservoir.size(), count - fromFresh);
        fromFresh = Math.min(fresh.size(), count - fromOlder);
        List<Entry> chosen = new ArrayList<>(fromFresh + fromOlder);
        chosen.addAll(sample(fresh, fromFresh, rng));
        chosen.addAll(sample(reservoir, fromOlder, rng));
        return chosen;
    }

    /** Adds this cycle's runs to the history, once the cycle has drawn its sample. */
    void addAll(List<Entry> fresh, SplittableRandom rng) {
        for (Entry e : fresh) {
            seen++;
            if (reservoir.size() < capacity) {
                reservoir.add(e);
            } else {
                long j = rng.nextLong(seen);
                if (j < capacity) {
                    reservoir.set((int) j, e);
                }
            }
        }
    }

    /** Runs added so far. */
    long seen() {
        return seen;
    }

    int held() {
        return reservoir.size();
    }

    /** {@code k} distinct elements, uniformly (a partial Fisher-Yates shuffle of a copy of the indices). */
    private static List<Entry> sample(List<Entry> from, int k, SplittableRandom rng) {
        int n = from.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<Entry> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out.add(from.get(idx[i]));
        }
        return out;
    }
}
