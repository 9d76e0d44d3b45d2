package io.aos.ops.golden.diff;

import io.aos.ops.core.concurrent.OfferedTask;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Compares the lines {@code [0, n)} of two traces in parts: {@value #PARTS} consecutive ranges that the calling
 * thread and one task on the options' executor take in turn, whichever is free, each part into its own
 * {@link StructuralDiff}; the parts' differences are appended in order, so the result is the one a single pass
 * gives. Parts rather than two halves: after an inserted step the first half of a trace is equal lines and the
 * second half all differing ones, and the thread with the second half worked alone. Without an executor
 * ({@link DiffOptions#withExecutor}) or below {@link DiffOptions#parallelThreshold()} events, one pass on the
 * calling thread. The one place the line tiers split their work.
 */
final class TraceHalves {

    /** How many ranges a trace is split into when it is split. */
    static final int PARTS = 16;

    /** One range: compares lines {@code [from, to)} into {@code sink}; false if it cannot tell. */
    @FunctionalInterface
    interface Half {
        boolean compare(StructuralDiff sink, int from, int to);
    }

    private TraceHalves() {
    }

    /**
     * Runs {@code half} over {@code [0, n)}, split in parts when the options allow.
     *
     * @return false if any part could not tell (what it recorded is left in {@code diff} for the caller to drop)
     */
    static boolean compare(StructuralDiff diff, int n, DiffOptions options, Half half) {
        if (!options.runsInParallel() || n < options.parallelThreshold()) {
            return half.compare(diff, 0, n);
        }
        StructuralDiff[] sinks = new StructuralDiff[PARTS];
        boolean sure = inParts(PARTS, options.executor(), part -> {
            sinks[part] = diff.sibling();
            int from = from(part, PARTS, n);
            int to = from(part + 1, PARTS, n);
            return from == to || half.compare(sinks[part], from, to);
        });
        if (!sure) {
            return false;
        }
        for (StructuralDiff sink : sinks) {
            diff.append(sink);
        }
        return true;
    }

    /** Where part {@code part} of {@code parts} of {@code [0, n)} starts. */
    static int from(int part, int parts, int n) {
        return (int) ((long) n * part / parts);
    }

    /**
     * Runs {@code task} for every part in {@code [0, parts)}, on the calling thread and on one task of
     * {@code executor}, each taking the next part not yet taken. Every part runs, whatever another part did; then
     * what the lowest part that threw threw is rethrown as it was thrown, the same whichever thread ran it.
     *
     * @return whether every part returned true
     */
    static boolean inParts(int parts, Executor executor, IntPredicate task) {
        AtomicInteger next = new AtomicInteger();
        boolean[] sure = new boolean[parts];
        Throwable[] thrown = new Throwable[parts];
        Runnable worker = () -> {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                try {
                    sure[part] = task.test(part);
                } catch (RuntimeException | Error e) {
                    thrown[part] = e;
                }
            }
        };
        OfferedTask<Void> helper = OfferedTask.offer(executor, worker);
        worker.run();
        helper.join(); // (one the executor has not begun ends at once here: no part is left)
        boolean all = true;
        for (int part = 0; part < parts; part++) {
            if (thrown[part] instanceof RuntimeException r) {
                throw r;
            }
            if (thrown[part] instanceof Error e) {
                throw e;
            }
            all &= sure[part];
        }
        return all;
    }
}
