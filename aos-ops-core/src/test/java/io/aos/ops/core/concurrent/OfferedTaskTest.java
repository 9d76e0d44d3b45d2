package io.aos.ops.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With every kind of executor (a pool, the calling thread, one that never runs its tasks, one that rejects them, one
 * that runs them after the result was taken, a pool whose only thread is the caller), {@code join} gives what the
 * work returns, the work runs exactly once, and what it throws reaches the caller as it was thrown. A regression
 * here hangs rather than fails, hence the separate thread of the timeout.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OfferedTaskTest {

    @Test
    void joinGivesTheResultAndTheWorkRunsOnceWhateverTheExecutorDoes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Random random = new Random(20261203);
            for (int round = 0; round < 200; round++) {
                List<Runnable> late = new ArrayList<>();
                Executor[] executors = {
                    pool,
                    MoreExecutors.directExecutor(),
                    task -> { }, // never runs what it is given
                    task -> {
                        throw new RejectedExecutionException("full");
                    },
                    late::add,
                };
                for (int e = 0; e < executors.length; e++) {
                    int input = random.nextInt();
                    AtomicInteger runs = new AtomicInteger();
                    OfferedTask<String> task = OfferedTask.offer(executors[e], () -> {
                        runs.incrementAndGet();
                        return Integer.toHexString(input);
                    });
                    if (random.nextBoolean()) {
                        Thread.onSpinWait(); // sometimes the pool's thread has begun by the time of join
                    }
                    assertThat(task.join()).as("round %s, executor %s", round, e).isEqualTo(Integer.toHexString(input));
                    assertThat(task.join()).as("a second join").isEqualTo(Integer.toHexString(input));
                    late.forEach(Runnable::run); // the executor runs it after all: it has run, it runs not again
                    assertThat(runs).as("round %s, executor %s", round, e).hasValue(1);
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void joinWaitsForTheThreadThatBeganTheWorkAndDoesNotRunItAgain() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            Held<String> held = Held.onPool(pool, () -> {
                runs.incrementAndGet();
                return Thread.currentThread().getName();
            });
            Thread releaser = held.releaseSoon();
            assertThat(held.task.join()).isNotEqualTo(Thread.currentThread().getName());
            releaser.join();
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskOfferedToThePoolWhoseOnlyThreadJoinsItEnds() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Future<String> outer = single.submit(() -> OfferedTask.offer(single, () -> "inner").join());
            assertThat(outer.get(60, TimeUnit.SECONDS)).isEqualTo("inner");
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void whatTheWorkThrowsReachesTheCallerAsItWasThrown() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            IllegalStateException boom = new IllegalStateException("boom");
            StackOverflowError deep = new StackOverflowError("deep");
            for (Executor executor : List.<Executor>of(pool, task -> { }, MoreExecutors.directExecutor())) {
                assertThatThrownBy(OfferedTask.offer(executor, () -> {
                    throw boom;
                })::join).isSameAs(boom);
                assertThatThrownBy(OfferedTask.offer(executor, (Runnable) () -> {
                    throw deep;
                })::join).isSameAs(deep);
                IOException checked = new IOException("disk");
                assertThatThrownBy(OfferedTask.offer(executor, () -> {
                    throw checked;
                })::join).isInstanceOf(IllegalStateException.class).hasCause(checked);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCallerStillGetsTheResultAndKeepsItsInterrupt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Held<Integer> held = Held.onPool(pool, () -> 42);
            Thread.currentThread().interrupt();
            Thread releaser = held.releaseSoon();
            assertThat(held.task.join()).isEqualTo(42);
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            releaser.join();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work that a pool's thread has begun and that waits, holding that thread, until released. */
    private static final class Held<T> {
        final OfferedTask<T> task;
        private final CountDownLatch release;

        private Held(OfferedTask<T> task, CountDownLatch release) {
            this.task = task;
            this.release = release;
        }

        /** Offers {@code work} to {@code pool} and returns once the pool's thread has begun it. */
        static <T> Held<T> onPool(ExecutorService pool, Callable<T> work) throws InterruptedException {
            CountDownLatch begun = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            OfferedTask<T> task = OfferedTask.offer(pool, () -> {
                begun.countDown();
                release.await();
                return work.call();
            });
            assertThat(begun.await(60, TimeUnit.SECONDS)).as("the pool's thread began the work").isTrue();
            return new Held<>(task, release);
        }

        /** A started thread that releases the work (after the caller is, most likely, waiting in join). */
        Thread releaseSoon() {
            Thread releaser = new Thread(release::countDown);
            releaser.start();
            return releaser;
        }
    }
}
