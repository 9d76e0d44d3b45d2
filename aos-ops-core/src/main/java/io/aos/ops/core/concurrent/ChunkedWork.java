package io.aos.ops.core.concurrent;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A function applied to every item of a list, in chunks, by an executor's threads and the calling thread together;
 * the results come back in the list's order, as one thread gives them (a summary or a check that folds them in order
 * reports what a sequential read reports). The calling thread takes chunks too and waits only for the chunks another
 * thread has begun, so an executor that runs its tasks late, never, or rejects them costs time, never an answer or a
 * hang; with {@link MoreExecutors#directExecutor()}, or a single chunk, the calling thread does all of it.
 *
 * <p>What the function throws (an unchecked exception or an error) is rethrown to the caller as it was thrown, once
 * every chunk begun has ended; the first thrown wins. The function must be safe to call from several threads at once.
 */
public final class ChunkedWork {

    private ChunkedWork() {
    }

    /**
     * {@code work} applied to each of {@code items}.
     *
     * @param items     the inputs
     * @param chunkSize items per chunk handed to another thread: large enough that a hand-off costs nothing next to
     *                  the work
     * @param executor  runs chunks beside the calling thread
     * @param work      the function, called once per item, from any of the threads
     * @param <T>       the items' type
     * @param <R>       the results' type
     * @return the results, in the items' order (unmodifiable)
     * @throws IllegalArgumentException if {@code chunkSize} is not positive
     */
    public static <T, R> List<R> map(List<? extends T> items, int chunkSize, Executor executor,
            Function<? super T, ? extends R> work) {
        checkNotNull(items, "items");
        checkArgument(chunkSize > 0, "chunkSize must be positive: %s", chunkSize);
        checkNotNull(executor, "executor");
        checkNotNull(work, "work");
        int chunks = (items.size() + chunkSize - 1) / chunkSize;
        if (executor == MoreExecutors.directExecutor() || chunks < 2) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(work.apply(item));
            }
            return Collections.unmodifiableList(results);
        }
        Chunks<T, R> shared = new Chunks<>(items, chunkSize, chunks, work);
        // a task per chunk but the caller's: however many threads the executor has, each takes chunks while any is left
        for (int t = 1; t < chunks && !shared.allTaken(); t++) {
            try {
                executor.execute(shared);
            } catch (RejectedExecutionException e) {
                break; // the calling thread does what is left
            }
        }
        shared.run();
        return shared.await();
    }

    /** The chunks of one call, taken in turn by whichever threads run it (a class: no lambda to bootstrap cold). */
    private static final class Chunks<T, R> implements Runnable {
        private final List<? extends T> items;
        private final int chunkSize;
        private final int chunks;
        private final Function<? super T, ? extends R> work;
        private final Object[] results;
        private final AtomicInteger nextChunk = new AtomicInteger();
        private final CountDownLatch chunksDone;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Chunks(List<? extends T> items, int chunkSize, int chunks, Function<? super T, ? extends R> work) {
            this.items = items;
            this.chunkSize = chunkSize;
            this.chunks = chunks;
            this.work = work;
            this.results = new Object[items.size()];
            this.chunksDone = new CountDownLatch(chunks);
        }

        boolean allTaken() {
            return nextChunk.get() >= chunks;
        }

        @Override
        public void run() {
            for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                try {
                    for (int i = c * chunkSize, end = Math.min(items.size(), i + chunkSize); i < end; i++) {
                        results[i] = work.apply(items.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    chunksDone.countDown();
                }
            }
        }

        /**
         * Waits for the chunks other threads have begun (every chunk is taken once the caller's run returns), then
         * gives the results or rethrows what the work threw.
         */
        @SuppressWarnings("unchecked")
        List<R> await() {
            boolean interrupted = false;
            while (true) {
                try {
                    chunksDone.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks begun end soon: the results are never handed out half filled
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            return (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        }
    }
}
