package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Bounded waits on real servers, where there is no clock to fix: poll a condition, fail with what was awaited and the
 * server's log if the deadline passes or the server exits first.
 */
final class Polling {

    /** How long any one condition may take to hold; generous, for a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(40);

    private Polling() {
    }

    @FunctionalInterface
    interface Probe<T> {
        /** The value once the condition holds, or null to keep waiting. */
        T poll() throws Exception;
    }

    /** Something a wait depends on: whether it is still alive, and what to show when the wait fails. */
    interface Watched {
        /** Null while alive, else why not (e.g. the exit code). */
        String deathNotice();

        /** The tail of its log. */
        String log();
    }

    static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    static Probe<Boolean> isTrue(Probe<Boolean> probe) {
        return () -> Boolean.TRUE.equals(probe.poll()) ? Boolean.TRUE : null;
    }

    /**
     * Polls {@code probe} every 250 ms until it returns a value, for at most {@link #WAIT}. An IOException from the
     * probe (the server not answering yet) counts as "not yet".
     */
    static <T> T await(String what, Watched watched, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            String death = watched.deathNotice();
            if (death != null) {
                fail(death + " while waiting for " + what + ":\n" + watched.log());
            }
            try {
                T value = probe.poll();
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        return fail("no " + what + " within " + WAIT + (last == null ? "" : " (last error: " + last.getMessage() + ")")
                + "\n" + watched.log());
    }

    /** A process's liveness and the tail of the log file it writes. */
    static Watched process(String name, Process process, java.nio.file.Path log) {
        return watched(() -> process.isAlive() ? null : name + " exited with " + process.exitValue(), () -> tail(log));
    }

    /** All of {@code parts}: dead when one is, their logs one after the other. */
    static Watched all(List<Watched> parts) {
        return watched(() -> parts.stream().map(Watched::deathNotice).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null), () -> String.join("\n---\n", parts.stream().map(Watched::log).toList()));
    }

    static Watched watched(Supplier<String> deathNotice, Supplier<String> log) {
        return new Watched() {
            @Override
            public String deathNotice() {
                return deathNotice.get();
            }

            @Override
            public String log() {
                return log.get();
            }
        };
    }

    /** The last 30 lines of {@code log}. */
    static String tail(java.nio.file.Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
