package io.aos.ops.golden.shadow;

/**
 * The fault planned for one run, if any: which kind and at which step index it first shows.
 *
 * @param kind the injected kind
 * @param step 0-based step index where it shows
 */
record PlannedFault(FaultKind kind, int step) {
}
