package io.aos.ops.golden.diff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compares the lines {@code [0, n)} of two traces in two halves: the second half on the options' executor, the
 * first on the calling thread, each into its own {@link StructuralDiff}; the second half's differences are appended
 * after the first's, so the result is the one a single pass gives. Without an executor
 * ({@link DiffOptions#withExecutor}) or below {@link DiffOptions#parallelThreshold()} events, one pass on the
 * calling thread. The one place the line tiers split their work.
 */
final class TraceHalves {

    /** One half: compares lines {@code [from, to)} into {@code sink}; false if it cannot tell. */
    @FunctionalInterface
    interface Half {
        boolean compare(StructuralDiff sink, int from, int to);
    }

    private TraceHalves() {
    }

    /**
     * Runs {@code half} over {@code [0, n)}, split in two when the options allow.
     *
     * @return false if either half could not tell (what it recorded is left in {@code diff} for the caller to drop)
     */
    static boolean compare(StructuralDiff diff, int n, DiffOptions options, Half half) {
        if (!options.runsInParallel() || n < options.parallelThreshold()) {
            return half.compare(diff, 0, n);
        }
        int mid = n / 2;
        StructuralDiff second = diff.sibling();
        CompletableFuture<Boolean> secondHalf = CompletableFuture.supplyAsync(() -> half.compare(second, mid, n),
                options.executor());
        boolean firstOk = half.compare(diff, 0, mid);
        boolean secondOk = join(secondHalf);
        if (!firstOk || !secondOk) {
            return false;
        }
        diff.append(second);
        return true;
    }

    /** The future's value; what it threw is rethrown as it was thrown. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
