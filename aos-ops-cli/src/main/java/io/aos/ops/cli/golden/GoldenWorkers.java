package io.aos.ops.cli.golden;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The executor the golden commands hand to the library ({@code DiffOptions.withExecutor},
 * {@code GoldenSummary.withExecutor}, {@code TraceAuditor.withExecutor}): one pool per process with as many daemon
 * threads as cores, so a diff reads its two files and compares a long trace's two halves at once, a summary lists
 * golden directories while it reads its reports in chunks beside them, and hash/verify hash a trace's chunks of lines
 * on every core. On one core there is nothing to overlap: the calling thread does everything.
 */
final class GoldenWorkers {

    private GoldenWorkers() {
    }

    /** Made on first use: commands that diff nothing start no thread. Daemon threads never hold the JVM open. */
    private static final class Pool {
        static final ExecutorService INSTANCE = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                new ThreadFactoryBuilder().setDaemon(true).setNameFormat("golden-worker-%d").build());
    }

    static Executor executor() {
        return Runtime.getRuntime().availableProcessors() > 1 ? Pool.INSTANCE : MoreExecutors.directExecutor();
    }
}
