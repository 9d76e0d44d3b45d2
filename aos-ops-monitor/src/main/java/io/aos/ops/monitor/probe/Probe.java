package io.aos.ops.monitor.probe;

import io.aos.ops.monitor.discovery.RunSnapshot;

/**
 * One health check of a shadow run. A probe reads the shared {@link RunSnapshot} (and, for the disk and golden
 * probes, the filesystem); it may keep state between checks (the golden probe keeps the last size to measure growth).
 */
public interface Probe {

    /** A short stable name, used in JSON and alert keys. */
    String name();

    /** Checks once. Never throws for a problem with the run: that is a result. */
    ProbeResult check(RunSnapshot snapshot);
}
