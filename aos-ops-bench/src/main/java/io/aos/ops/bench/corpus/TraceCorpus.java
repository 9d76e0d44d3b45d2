package io.aos.ops.bench.corpus;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairs of engine golden traces (format A, the engine recorder's): {@code a.steps.jsonl} and {@code b.steps.jsonl}
 * with their HMAC {@code .sig} files and a {@code pair.json} that says how B differs. Lines are what upstream's recorder
 * writes (compact, sorted keys, ASCII-escaped): a {@code run_start}, N {@code step} events of about 500 bytes each and
 * a {@code run_end}. Step seeds follow the engine's derivation and every {@code output_hash} is the real one, so the
 * suite's hashing and verification accept the files. Everything depends only on the seed: the same arguments give
 * byte-identical files.
 */
public final class TraceCorpus {

    /** What {@link #writePair} produced. {@code changedStep} is -1 when the difference is not about one step. */
    public record TracePair(Path dir, Path a, Path b, TraceDifference difference, int steps, int changedStep,
            long bytesA, long bytesB) {
    }

    /** The clock of a generated run: fixed, so the files are reproducible. */
    static final Instant RUN_START = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration REPLAY_DELAY = Duration.ofHours(1);
    private static final List<String> SKILLS = List.of("http_fetch", "transform_json", "llm_invoke", "compute_hash");
    private static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
            "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private TraceCorpus() {
    }

    /** A pair whose difference (if it is about one step) is at the middle step. */
    public static TracePair writePair(Path dir, int steps, TraceDifference difference, long seed) throws IOException {
        return writePair(dir, steps, difference, seed, steps / 2, "");
    }

    /**
     * Writes the pair into {@code dir} (absent or empty).
     *
     * @param steps      step events per trace (B has one more for {@link TraceDifference#INSERTED_STEP})
     * @param seed       corpus seed, also the run's base seed; must be >= 0
     * @param changedStep the step K that differs, in 0..steps-1 (ignored for whole-trace differences)
     * @param secret     the {@code GOLDEN_SECRET} the {@code .sig} files are signed with (upstream's default is "")
     */
    public static TracePair writePair(Path dir, int steps, TraceDifference difference, long seed, int changedStep,
            String secret) throws IOException {
        checkArgument(steps >= 1, "steps must be >= 1, got %s", steps);
        checkArgument(seed >= 0, "seed must be >= 0, got %s", seed);
        checkArgument(changedStep >= 0 && changedStep < steps, "changed step must be in 0..%s, got %s",
                steps - 1, changedStep);
        CorpusDirs.requireEmptyOrAbsent(dir);
        Files.createDirectories(dir);
        boolean perStep = difference == TraceDifference.LEAKED_TIMESTAMP
                || difference == TraceDifference.INSERTED_STEP || difference == TraceDifference.SEED_CHANGE;
        int k = perStep ? changedStep : -1;
        Path a = dir.resolve("a.steps.jsonl");
        Path b = dir.resolve("b.steps.jsonl");
        String runId = "run-bench-" + ShadowGolden.hex8(new SplittableRandom(seed));
        try (SignedFile outA = new SignedFile(a, secret); SignedFile outB = new SignedFile(b, secret)) {
            boolean replayLater = difference == TraceDifference.VOLATILE_ONLY;
            int stepsB = difference == TraceDifference.INSERTED_STEP ? steps + 1 : steps;
            outA.line(runStart(runId, seed, steps, RUN_START));
            outB.line(runStart(runId, seed, stepsB, replayLater ? RUN_START.plus(REPLAY_DELAY) : RUN_START));
            int shift = 0;
            for (int i = 0; i < steps; i++) {
                StepShape shape = StepShape.of(seed, i);
                StepShape shapeA = shape;
                StepShape shapeB = shape;
                BigInteger seedB = null;
                if (i == k) {
                    switch (difference) {
                        case LEAKED_TIMESTAMP -> {
                            shapeA = shape.withLeak(shape.timestamp);
                            shapeB = shape.withLeak(shape.timestamp.plus(REPLAY_DELAY));
                        }
                        case SEED_CHANGE -> seedB = Digests.stepSeed(seed + 1, i);
                        case INSERTED_STEP -> {
                            StepShape extra = StepShape.of(seed, steps + i).withStepId("s" + i + "-extra");
                            outB.line(extra.event(runId, i, seed, steps + i, null, false));
                            shift = 1;
                        }
                        default -> {
                        }
                    }
                }
                outA.line(shapeA.event(runId, i, seed, i, null, false));
                outB.line(shapeB.event(runId, i + shift, seed, i, seedB, replayLater));
            }
            Instant end = RUN_START.plusMillis(2L * steps + 1);
            outA.line(runEnd(runId, end));
            outB.line(runEnd(runId, replayLater ? end.plus(REPLAY_DELAY) : end));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("a", a.getFileName().toString());
        manifest.put("b", b.getFileName().toString());
        manifest.put("difference", difference.cliName());
        manifest.put("description", difference.description().replace("K", String.valueOf(k)));
        manifest.put("steps", steps);
        manifest.put("changed_step", k);
        manifest.put("seed", seed);
        manifest.put("run_id", runId);
        Files.writeString(dir.resolve("pair.json"), CorpusJson.indented(manifest, 2) + "\n");
        return new TracePair(dir, a, b, difference, steps, k, Files.size(a), Files.size(b));
    }

    /** Python's {@code datetime.isoformat()} of an aware UTC time: microseconds only when non-zero, then +00:00. */
    static String pythonIsoformat(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int micros = t.getNano() / 1000;
        String base = ISO_SECONDS.format(t);
        return (micros == 0 ? base : base + String.format(".%06d", micros)) + "+00:00";
    }

    private static String runStart(String runId, long seed, int stepsCount, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("replay", false);
        data.put("seed", seed);
        // Upstream hashes the whole spec; a generated run has no spec object, so the hash is of its identity.
        data.put("spec_hash", Digests.sha256Hex("wf-bench:" + seed).substring(0, 16));
        data.put("spec_id", "wf-bench");
        data.put("spec_name", "Benchmark workflow");
        data.put("spec_version", "1.0.0");
        data.put("steps_count", stepsCount);
        return envelope("run_start", runId, at, data);
    }

    private static String runEnd(String runId, Instant at) {
        return envelope("run_end", runId, at, Map.of("status", "completed"));
    }

    private static String envelope(String type, String runId, Instant at, Map<String, ?> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("data", data);
        event.put("event_type", type);
        event.put("run_id", runId);
        event.put("timestamp", pythonIsoformat(at));
        return CorpusJson.compactSorted(event);
    }

    /** The content of step {@code i} both sides share, drawn from its own random stream so sides stay aligned. */
    private static final class StepShape {
        final String stepId;
        final String skill;
        final int limit;
        final List<String> tags;
        final BigDecimal ratio;
        final List<Map<String, Object>> items;
        final int costCents;
        final int durationMs;
        final int replayDurationMs;
        final Instant timestamp;
        final Instant replayTimestamp;
        final Instant leak;

        private StepShape(String stepId, String skill, int limit, List<String> tags, BigDecimal ratio,
                List<Map<String, Object>> items, int costCents, int durationMs, int replayDurationMs,
                Instant timestamp, Instant replayTimestamp, Instant leak) {
            this.stepId = stepId;
            this.skill = skill;
            this.limit = limit;
            this.tags = tags;
            this.ratio = ratio;
            this.items = items;
            this.costCents = costCents;
            this.durationMs = durationMs;
            this.replayDurationMs = replayDurationMs;
            this.timestamp = timestamp;
            this.replayTimestamp = replayTimestamp;
            this.leak = leak;
        }

        static StepShape of(long seed, int i) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            String skill = SKILLS.get(r.nextInt(SKILLS.size()));
            List<String> tags = List.of(word(r));
            BigDecimal ratio = BigDecimal.valueOf(r.nextInt(1, 1000), 3);
            List<Map<String, Object>> items = new java.util.ArrayList<>(1);
            for (int j = 0; j < 1; j++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", "item-" + i + "-" + j);
                item.put("score", BigDecimal.valueOf(r.nextInt(0, 1000), 3));
                items.add(item);
            }
            Instant at = RUN_START.plusMillis(2L * i + 1).plusNanos(r.nextInt(1, 1000) * 1000L);
            Instant replayAt = at.plus(REPLAY_DELAY).plusNanos(r.nextInt(1, 1000) * 1000L);
            return new StepShape("s" + i, skill, r.nextInt(1, 500), tags, ratio, List.copyOf(items),
                    r.nextInt(0, 20), r.nextInt(0, 50), r.nextInt(0, 50) + 50, at, replayAt, null);
        }

        StepShape withStepId(String id) {
            return new StepShape(id, skill, limit, tags, ratio, items, costCents, durationMs, replayDurationMs,
                    timestamp, replayTimestamp, leak);
        }

        StepShape withLeak(Instant leaked) {
            return new StepShape(stepId, skill, limit, tags, ratio, items, costCents, durationMs, replayDurationMs,
                    timestamp, replayTimestamp, leaked);
        }

        private static String word(SplittableRandom r) {
            return WORDS.get(r.nextInt(WORDS.size()));
        }

        /** The {@code step} event line at position {@code index}; its seed derives from {@code seedIndex}. */
        String event(String runId, int index, long baseSeed, int seedIndex, BigInteger seedOverride, boolean replay) {
            BigInteger stepSeed = seedOverride != null ? seedOverride : Digests.stepSeed(baseSeed, seedIndex);
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("status", "ok");
            inner.put("items", items);
            inner.put("seed_mod", stepSeed.mod(BigInteger.valueOf(1000)).intValue());
            if (leak != null) {
                // a clock value under a key the engine's canonicalizer keeps, so it reaches output_hash: a leak
                inner.put("generated_at", pythonIsoformat(leak));
            }
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("step_id", stepId);
            output.put("success", true);
            output.put("output", inner);
            output.put("error", null);
            output.put("error_code", null);
            output.put("recovery_hint", null);
            output.put("duration_ms", replay ? replayDurationMs : durationMs);
            output.put("cost_cents", costCents);
            output.put("retries", 0);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("limit", limit);
            params.put("tags", tags);
            params.put("ratio", ratio);
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("url", "https://svc.example/v1/items/" + index);
            inputs.put("params", params);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("index", index);
            data.put("step_id", stepId);
            data.put("skill_id", skill);
            data.put("inputs", inputs);
            data.put("seed", stepSeed);
            data.put("success", true);
            data.put("output", output);
            data.put("output_hash", StepOutputHash.of(output));
            return envelope("step", runId, replay ? replayTimestamp : timestamp, data);
        }
    }

    /** A trace file being written, with the HMAC its {@code .sig} will hold computed over the same bytes. */
    static final class SignedFile implements AutoCloseable {
        private final Path file;
        private final OutputStream out;
        private final Mac mac;

        SignedFile(Path file, String secret) throws IOException {
            this.file = file;
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
            try {
                // HMAC pads keys to the block size with zeros, so an empty secret equals 64 zero bytes; the JDK
                // refuses an empty key.
                byte[] key = secret.isEmpty() ? new byte[64] : secret.getBytes(StandardCharsets.UTF_8);
                this.mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
            }
        }

        void line(String json) throws IOException {
            byte[] bytes = (json + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(bytes);
            mac.update(bytes);
        }

        @Override
        public void close() throws IOException {
            out.close();
            Files.writeString(Path.of(file + ".sig"), HexFormat.of().formatHex(mac.doFinal()),
                    StandardCharsets.US_ASCII);
        }
    }
}
