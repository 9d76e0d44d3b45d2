/**
 * The two golden formats: engine traces ({@code <run_id>.steps.jsonl} + {@code .sig}) and simulation goldens
 * ({@code <run_id>.golden.json}). Public API for services: {@link io.aos.ops.golden.format.GoldenTraceReader}
 * (streaming, either format) with {@link io.aos.ops.golden.format.RunHeader},
 * {@link io.aos.ops.golden.format.TraceStep} and {@link io.aos.ops.golden.format.RunEnd};
 * {@link io.aos.ops.golden.format.GoldenRecorder} (write and sign an engine trace);
 * {@link io.aos.ops.golden.format.SimulationGolden} with {@link io.aos.ops.golden.format.SimulationGoldenWriter};
 * {@link io.aos.ops.golden.format.EngineTraceWriter}; {@link io.aos.ops.golden.format.TraceAuditor} (recompute and
 * check every stored hash, seed and signature); {@link io.aos.ops.golden.format.EngineTraceHasher} (the fast path).
 */
package io.aos.ops.golden.format;
