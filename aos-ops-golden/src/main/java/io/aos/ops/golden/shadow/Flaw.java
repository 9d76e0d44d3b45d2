package io.aos.ops.golden.shadow;

/**
 * The flaw one run carries, if any: which kind and at which step index it first shows.
 *
 * @param kind the injected kind
 * @param step 0-based step index where it shows
 */
record Flaw(FaultKind kind, int step) {
}
