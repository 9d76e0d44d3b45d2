package io.aos.ops.bench.diff;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reproducible inputs for the diff and summary benchmarks: a pair of engine traces (an original and its replay under
 * another run id, every timestamp and duration different, one leaked clock value in the middle step, which also
 * changes that step's output_hash), and a 24-hour shadow directory (cycle reports plus golden files).
 *
 * <p>{@code java -cp benchmarks.jar io.aos.ops.bench.diff.DiffCorpus traces DIR 100000} or
 * {@code ... DiffCorpus shadow DIR 2880 25920} writes them for whole-process timing of the jar.
 */
public final class DiffCorpus {

    private static final BigInteger SEED = new BigInteger("15554826178763638935");

    private DiffCorpus() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("traces")) {
            Path dir = Path.of(args[1]);
            Files.createDirectories(dir);
            writeTracePair(dir, Integer.parseInt(args[2]));
        } else if (args.length >= 4 && args[0].equals("shadow")) {
            writeShadowRun(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: DiffCorpus traces DIR STEPS | DiffCorpus shadow DIR CYCLES GOLDEN_FILES");
            System.exit(2);
        }
    }

    /** Writes {@code a.steps.jsonl} and {@code b.steps.jsonl} with {@code steps} steps each into {@code dir}. */
    public static Path[] writeTracePair(Path dir, int steps) throws IOException {
        Path a = dir.resolve("a.steps.jsonl");
        Path b = dir.resolve("b.steps.jsonl");
        writeTrace(a, "primary-w1-280cfdcd", 1, steps, -1);
        writeTrace(b, "shadow-1a2b3c4d", 2, steps, steps / 2);
        return new Path[] {a, b};
    }

    private static void writeTrace(Path file, String runId, int run, int steps, int leakAt) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"data\":{\"replay\":" + (run != 1) + ",\"seed\":12345,\"spec_hash\":\"2549d1babfb4447b\","
                    + "\"spec_id\":\"wf-bench\",\"spec_name\":\"Bench\",\"spec_version\":\"1.0.0\",\"steps_count\":"
                    + steps + "},\"event_type\":\"run_start\",\"run_id\":\"" + runId + "\",\"timestamp\":\""
                    + timestamp(0, run) + "\"}\n");
            for (int i = 0; i < steps; i++) {
                String seed = SEED.add(BigInteger.valueOf(i)).toString();
                String made = i == leakAt ? ",\"made\":\"" + timestamp(i + 7, run) + "\"" : "";
                String outputHash = i == leakAt ? "ffffffffffffffff" : String.format("%016x", i * 40503L);
                w.write("{\"data\":{\"index\":" + i + ",\"inputs\":{\"data\":\"input_data_step_" + i + "\"},"
                        + "\"output\":{\"cost_cents\":0,\"duration_ms\":" + ((i * 7 + run) % 13) + ",\"error\":null,"
                        + "\"error_code\":null,\"output\":{\"count\":3,\"hash\":\"" + String.format("%064x", i * 2654435761L)
                        + "\",\"keys\":[\"a\",\"b\",\"c\"]" + made + ",\"score\":0.123457,\"seed\":" + seed + "},"
                        + "\"recovery_hint\":null,\"retries\":0,\"step_id\":\"s" + i + "\",\"success\":true},"
                        + "\"output_hash\":\"" + outputHash + "\",\"seed\":" + seed + ",\"skill_id\":\"compute_hash\","
                        + "\"step_id\":\"s" + i + "\",\"success\":true},\"event_type\":\"step\",\"run_id\":\"" + runId
                        + "\",\"timestamp\":\"" + timestamp(i + 1, run) + "\"}\n");
            }
            w.write("{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"" + runId
                    + "\",\"timestamp\":\"" + timestamp(steps + 1, run) + "\"}\n");
        }
    }

    private static String timestamp(int second, int run) {
        return String.format("2026-11-28T%02d:%02d:%02d.%06d+00:00", 2 + second / 3600 % 20, second / 60 % 60,
                second % 60, run * 1000 + second % 1000);
    }

    /** A shadow run root with {@code cycles} cycle reports (indent 2, like upstream) and {@code goldens} goldens. */
    public static Path writeShadowRun(Path root, int cycles, int goldens) throws IOException {
        Path reports = Files.createDirectories(root.resolve("reports"));
        Path golden = Files.createDirectories(root.resolve("golden"));
        for (int c = 1; c <= cycles; c++) {
            Files.writeString(reports.resolve("cycle_" + c + ".json"), "{\n  \"timestamp\": \""
                    + timestamp(c, 1) + "\",\n  \"primary\": {\n    \"total\": 9,\n    \"successful\": 9,\n"
                    + "    \"failed\": 0\n  },\n  \"shadow\": {\n    \"total_replays\": 9,\n    \"matches\": 9,\n"
                    + "    \"mismatches\": 0\n  },\n  \"mismatch_details\": [],\n  \"passed\": true\n}");
        }
        for (int g = 0; g < goldens; g++) {
            Files.writeString(golden.resolve(String.format("primary-w%d-%08x.golden.json", g % 3, g * 2654435761L)),
                    "{\n  \"run_id\": \"primary-w1-280cfdcd\",\n  \"workflow_type\": \"io\",\n  \"seed\": 74439,\n"
                    + "  \"step_hashes\": [\n    \"mock_io:87bec47e62613a99\",\n    \"mock_io:3e5aaa8c6e78b91a\",\n"
                    + "    \"transform_json:41ef8a685e35feaf\",\n    \"compute_hash:c3e33927cf3b2683\"\n  ],\n"
                    + "  \"workflow_hash\": \"85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5\",\n"
                    + "  \"duration_ms\": 0,\n  \"success\": true,\n  \"error\": null\n}");
        }
        return root;
    }
}
