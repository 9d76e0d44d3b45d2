package io.aos.ops.core.concurrent;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Work offered to an executor that the calling thread takes back when it needs the result and no thread of the
 * executor has begun it: {@link #join()} runs the work right there, else waits for the thread that is running it.
 * The work runs exactly once, on one thread or the other. So an executor that is busy, saturated, shut down, rejects
 * the task or never runs it (even the pool whose own thread calls {@code join}) costs time, never a hang: what a
 * {@code CompletableFuture.supplyAsync(work, executor).join()} cannot promise when the executor is the caller's.
 *
 * <p>What the work throws (an unchecked exception or an error) is rethrown by {@link #join()} as it was thrown, not
 * wrapped. A checked exception from a {@link Callable} comes back wrapped in an {@link IllegalStateException}.
 *
 * @param <T> the result's type
 */
public final class OfferedTask<T> {

    private final FutureTask<T> task;

    private OfferedTask(FutureTask<T> task) {
        this.task = task;
    }

    /**
     * Offers {@code work} to {@code executor}. With {@link MoreExecutors#directExecutor()} it runs here and now, as
     * that executor runs everything; a task the executor rejects is left for {@link #join()}.
     *
     * @param executor where the work may run
     * @param work     the work
     * @param <T>      its result's type
     * @return the offered work
     * @throws NullPointerException if an argument is null
     */
    public static <T> OfferedTask<T> offer(Executor executor, Callable<T> work) {
        return offer(executor, new FutureTask<>(checkNotNull(work, "work")));
    }

    /**
     * Offers {@code work}, which returns nothing, to {@code executor}.
     *
     * @param executor where the work may run
     * @param work     the work
     * @return the offered work; {@link #join()} gives null
     * @throws NullPointerException if an argument is null
     */
    public static OfferedTask<Void> offer(Executor executor, Runnable work) {
        return offer(executor, new FutureTask<Void>(checkNotNull(work, "work"), null));
    }

    private static <T> OfferedTask<T> offer(Executor executor, FutureTask<T> task) {
        checkNotNull(executor, "executor");
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // join runs it on the calling thread
        }
        return new OfferedTask<>(task);
    }

    /**
     * The work's result: computed here when no thread of the executor has begun it, else awaited (without giving in
     * to an interrupt, which is kept for the caller: the work begun elsewhere ends on its own).
     *
     * @return what the work returned
     * @throws RuntimeException what the work threw, as it was thrown
     * @throws Error            what the work threw, as it was thrown
     */
    public T join() {
        task.run(); // nothing, when the task has begun or ended on another thread
        try {
            return Uninterruptibles.getUninterruptibly(task);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
