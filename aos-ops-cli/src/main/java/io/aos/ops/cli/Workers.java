package io.aos.ops.cli;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors the commands hand to the library, so library code never starts threads of its own. Each pool is made
 * on first use (a command that needs none starts no thread) and holds daemon threads, which never keep the JVM open.
 * On one core there is nothing to overlap: the calling thread does everything.
 */
public final class Workers {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Workers() {
    }

    /**
     * One thread per core, for work the calling thread waits on ({@code DiffOptions.withExecutor},
     * {@code TraceAuditor.withExecutor}): a diff reads its two files and compares a long trace's two halves at once,
     * hash/verify hash a trace's chunks of lines on every core.
     *
     * @return the pool, or the calling thread on one core
     */
    public static Executor executor() {
        return CORES > 1 ? PerCore.POOL : MoreExecutors.directExecutor();
    }

    /**
     * One thread per other core, for work the calling thread shares ({@code StatusScanner}: the calling thread reads
     * the directories and stats beside these threads; {@code GoldenSummary.withExecutor}: a summary lists golden
     * directories and reads its reports in chunks, the calling thread taking chunks too).
     *
     * @return the pool, or the calling thread on one core
     */
    public static Executor besideCaller() {
        return CORES > 1 ? PerOtherCore.POOL : MoreExecutors.directExecutor();
    }

    private static final class PerCore {
        static final ExecutorService POOL = Executors.newFixedThreadPool(CORES, daemons("aos-ops-worker-"));
    }

    private static final class PerOtherCore {
        static final ExecutorService POOL = Executors.newFixedThreadPool(CORES - 1, daemons("aos-ops-beside-"));
    }

    /**
     * Daemon threads named {@code prefix0}, {@code prefix1}, ... (as Guava's {@code ThreadFactoryBuilder} with
     * {@code prefix%d} names them, without its {@code String.format}: the formatter and the locale data it sets up
     * are start-up time a short command has no other use for).
     */
    static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory plain = Executors.defaultThreadFactory();
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Thread thread = plain.newThread(task);
                thread.setName(prefix + count.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            }
        };
    }
}
