/**
 * The two golden formats: engine traces ({@code <run_id>.steps.jsonl} + {@code .sig}) and simulation goldens
 * ({@code <run_id>.golden.json}). Public API for services: {@link io.aos.ops.golden.format.GoldenTraceReader}
 * (streaming, either format) with {@link io.aos.ops.golden.format.RunHeader},
 * {@link io.aos.ops.golden.format.TraceStep} and {@link io.aos.ops.golden.format.RunEnd};
 * {@link io.aos.ops.golden.format.GoldenRecorder} (write and sign an engine trace);
 * {@link io.aos.ops.golden.format.SimulationGolden} with {@link io.aos.ops.golden.format.SimulationGoldenWriter};
 * {@link io.aos.ops.golden.format.EngineTraceWriter}; {@link io.aos.ops.golden.format.TraceAuditor} (recompute and
 * check every stored hash, seed and signature); {@link io.aos.ops.golden.format.EngineTraceHasher} (the fast path).
 *
 * <p>Thread safety: the records are immutable values (the JSON nodes they hold are shared, not copied: do not change
 * them); {@code GoldenRecorder} is thread-safe; {@code TraceAuditor} and the writers hold no state per call and are
 * thread-safe; {@code GoldenTraceReader} and {@code EngineTraceHasher} are not (use one per thread).
 *
 * <p>Errors: a file that cannot be read, or is not valid JSON, is an {@link io.aos.ops.core.AosOpsException} whose
 * message names the file and, for bad JSON, the line and column; an engine trace whose last line is cut off is a
 * {@link io.aos.ops.golden.format.TruncatedTraceException}. {@code TraceAuditor} never throws for a bad file.
 */
package io.aos.ops.golden.format;
