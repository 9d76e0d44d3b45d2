/**
 * Upstream's golden hashes, bit for bit. Public API for services: {@link io.aos.ops.golden.hash.GoldenHashes} (step
 * seeds, {@code output_hash}, {@code spec_hash}, simulation step and workflow hashes, HMAC {@code .sig}),
 * {@link io.aos.ops.golden.hash.GoldenCanonicalizer} (the engine's {@code canonicalize_for_golden}; use
 * {@code outputHashRules()} to match upstream hashes and {@code forComparison()} to compare replays) and
 * {@link io.aos.ops.golden.hash.VolatileFields} (the one configurable volatile-field set). All are immutable or
 * stateless and thread-safe.
 */
package io.aos.ops.golden.hash;
