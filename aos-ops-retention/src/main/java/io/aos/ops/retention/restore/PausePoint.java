package io.aos.ops.retention.restore;

import java.util.function.BooleanSupplier;

/**
 * Fault-injection hook for the signal test of restore: when the system property {@code aos.retention.pauseRestore}
 * names the phase being passed ({@code staged}: every file written to its temporary name, none yet given its own),
 * the process prints {@code PAUSED <phase>} and waits there until the restore is called off, so the test signals it
 * at that point whatever the machine's speed. Without the property this costs one field read.
 */
final class PausePoint {

    static final String PROPERTY = "aos.retention.pauseRestore";
    private static final String TARGET = System.getProperty(PROPERTY);

    private PausePoint() {
    }

    static void reached(String phase, BooleanSupplier cancelled) {
        if (TARGET == null || !TARGET.equals(phase)) {
            return;
        }
        System.out.println("PAUSED " + phase);
        System.out.flush();
        while (!cancelled.getAsBoolean()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
