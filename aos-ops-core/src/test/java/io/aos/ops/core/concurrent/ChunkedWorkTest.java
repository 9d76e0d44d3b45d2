package io.aos.ops.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over generated lists and chunk sizes, with every kind of executor (a pool, the calling thread, one that never runs
 * its tasks, one that rejects them, one that runs them after the call returned), the results are what mapping the
 * list in order gives, and what the work throws reaches the caller as it was thrown.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkedWorkTest {

    /** The oracle's function: depends on the item only, and is slow enough for chunks to interleave. */
    static final Function<Integer, String> WORK = i -> Integer.toHexString(i * 31 + 7) + ":" + Integer.bitCount(i);

    @Test
    void theResultsAreTheSequentialMapWhateverTheExecutorDoes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Random random = new Random(20261203);
            for (int round = 0; round < 300; round++) {
                List<Integer> items = new ArrayList<>();
                for (int i = random.nextInt(600); i > 0; i--) {
                    items.add(random.nextInt());
                }
                List<String> expected = new ArrayList<>();
                for (Integer item : items) {
                    expected.add(WORK.apply(item));
                }
                int chunk = 1 + random.nextInt(64);
                List<Runnable> late = new ArrayList<>();
                Executor[] executors = {
                    pool,
                    MoreExecutors.directExecutor(),
                    Runnable::run,
                    task -> { }, // never runs what it is given
                    task -> {
                        throw new RejectedExecutionException("full");
                    },
                    late::add,
                };
                for (int e = 0; e < executors.length; e++) {
                    assertThat(ChunkedWork.map(items, chunk, executors[e], WORK))
                            .as("round %s, executor %s", round, e).containsExactlyElementsOf(expected);
                }
                late.forEach(Runnable::run); // every chunk is taken: a late task touches nothing
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void whatTheWorkThrowsReachesTheCallerAsItWasThrown() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                items.add(i);
            }
            IllegalStateException boom = new IllegalStateException("item 700");
            Function<Integer, Integer> failing = i -> {
                if (i == 700) {
                    throw boom;
                }
                return i;
            };
            for (Executor executor : new Executor[] {pool, MoreExecutors.directExecutor(), task -> { }}) {
                assertThatThrownBy(() -> ChunkedWork.map(items, 50, executor, failing)).isSameAs(boom);
            }
            assertThatThrownBy(() -> ChunkedWork.map(items, 0, pool, failing))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
