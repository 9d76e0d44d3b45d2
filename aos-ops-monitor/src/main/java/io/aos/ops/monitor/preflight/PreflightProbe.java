package io.aos.ops.monitor.preflight;

import io.aos.ops.monitor.probe.ProbeResult;

/** One pre-flight check. Unlike a run {@link io.aos.ops.monitor.probe.Probe} it looks at the host, not at a run. */
public interface PreflightProbe {

    /** A short stable name, used in JSON: {@code backend}, {@code redis}, {@code workers}, ... */
    String name();

    /** Checks once. A service that is down is a result (CRITICAL with what was seen), never an exception. */
    ProbeResult check();
}
