package io.aos.ops.retention.archive;

/**
 * Fault-injection hook for the crash-safety test: when the system property {@code aos.retention.crashAfter} names
 * the phase being passed (e.g. {@code packed:3}, {@code renamed}), the process prints {@code CRASHPOINT <phase>} and
 * stops there until the test kills it with SIGKILL. Without the property this costs one field read.
 */
final class CrashPoint {

    static final String PROPERTY = "aos.retention.crashAfter";
    private static final String TARGET = System.getProperty(PROPERTY);

    private CrashPoint() {
    }

    static void reached(String phase) {
        if (TARGET != null && TARGET.equals(phase)) {
            hang(phase);
        }
    }

    static void reached(String phase, long count) {
        if (TARGET != null && TARGET.equals(phase + ":" + count)) {
            hang(phase + ":" + count);
        }
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void hang(String phase) {
        System.out.println("CRASHPOINT " + phase);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting for the kill
            }
        }
    }
}
