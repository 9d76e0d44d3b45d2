package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace with nothing to check, or whose steps are out of order, never audits as OK. */
class TraceCompletenessTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final byte[] SECRET = "s".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private int runs;

    /** A valid trace as the engine writes it: run_start, {@code steps} steps, run_end; signed. */
    private Path recorded(Random r, int steps) throws IOException {
        String runId = "run-" + runs++;
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);
        BigInteger seed = BigInteger.valueOf(r.nextInt(1_000_000));
        try (GoldenRecorder rec = GoldenRecorder.open(tmp, runId, SECRET, clock)) {
            ObjectNode spec = F.objectNode().put("id", "wf").put("name", "WF");
            for (int i = 0; i < steps; i++) {
                spec.withArray("steps").addObject().put("id", "s" + i);
            }
            rec.recordRunStart(spec, seed, false, null);
            for (int i = 0; i < steps; i++) {
                ObjectNode out = F.objectNode().put("step_id", "s" + i).put("success", true)
                        .put("duration_ms", r.nextInt(90)).put("retries", 0);
                out.putObject("output").put("value", r.nextInt()).put("score", r.nextDouble()).put("text", "t" + i);
                rec.recordStep(i, "s" + i, "compute", F.objectNode().put("n", i), GoldenHashes.stepSeed(seed, i),
                        true, out, null, null);
            }
            rec.recordRunEnd("completed");
            return rec.file();
        }
    }

    private static TraceAudit audit(Path file) {
        return TraceAuditor.withSignatures(SECRET).audit(file);
    }

    private static void assertFails(TraceAudit audit, String reason) {
        assertThat(audit.readable()).as(audit.file() + ": " + audit.error()).isTrue();
        assertThat(audit.problems()).as(audit.file().toString()).anySatisfy(p -> assertThat(p).contains(reason));
        assertThat(audit.hashesMatch()).isFalse();
        assertThat(audit.verified(true)).isFalse();
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String without(String line, String field) {
        ObjectNode event = (ObjectNode) GoldenJson.readTree(line);
        ((ObjectNode) event.get("data")).remove(field);
        return event.toString();
    }

    @Test
    void anEmptyTraceOrOneOfBlankLinesHasNothingToCheck() throws IOException {
        Path empty = tmp.resolve("empty.steps.jsonl");
        Files.writeString(empty, "");
        assertFails(audit(empty), "no events");
        Path blank = tmp.resolve("blank.steps.jsonl");
        Files.writeString(blank, "\n\n\n");
        assertFails(audit(blank), "no events");
    }

    @Test
    void aTraceWithoutRunStartCannotHaveItsSeedsChecked() throws IOException {
        Path file = recorded(new Random(1), 3);
        List<String> lines = lines(file);
        lines.remove(0);
        rewrite(file, lines);
        assertFails(TraceAuditor.hashesOnly().audit(file), "no run_start");
    }

    @Test
    void aStepWithoutOutputHashOrSeedHasNothingToCheck() throws IOException {
        Path file = recorded(new Random(2), 3);
        List<String> lines = lines(file);
        lines.set(2, without(lines.get(2), "output_hash"));
        rewrite(file, lines);
        assertFails(TraceAuditor.hashesOnly().audit(file), "no output_hash");
        Path other = recorded(new Random(3), 3);
        List<String> more = lines(other);
        more.set(1, without(more.get(1), "seed"));
        rewrite(other, more);
        assertFails(TraceAuditor.hashesOnly().audit(other), "no seed");
    }

    @Test
    void stepsOutOfOrderFail() throws IOException {
        Path file = recorded(new Random(4), 3);
        List<String> lines = lines(file);
        Collections.swap(lines, 1, 3);
        rewrite(file, lines);
        assertFails(TraceAuditor.hashesOnly().audit(file), "out of order");
    }

    @Test
    void aStepAfterRunEndFails() throws IOException {
        Path file = recorded(new Random(5), 2);
        List<String> lines = lines(file);
        String step = lines.remove(2);
        lines.add(step);
        rewrite(file, lines);
        assertFails(TraceAuditor.hashesOnly().audit(file), "after run_end");
    }

    @Test
    void aResumedRunWithASecondRunStartStillVerifies() throws IOException {
        Path file = recorded(new Random(6), 3);
        List<String> lines = lines(file);
        // a crash after step 1, then a resume that re-runs from step 1 under the same run id
        List<String> resumed = new ArrayList<>(lines.subList(0, 3));
        resumed.addAll(lines.subList(0, 1));
        resumed.addAll(lines.subList(2, lines.size()));
        rewrite(file, resumed);
        TraceAudit audit = TraceAuditor.hashesOnly().audit(file);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.hashesMatch()).isTrue();
    }

    /** Random valid traces pass; each mutation that leaves nothing (or the wrong order) to check fails. */
    @Test
    void generatedTracesPassAndEveryMutationFails() throws IOException {
        Random r = new Random(20261202);
        for (int i = 0; i < 60; i++) {
            int steps = 1 + r.nextInt(6);
            Path file = recorded(r, steps);
            TraceAudit ok = audit(file);
            assertThat(ok.problems()).as(file.toString()).isEmpty();
            assertThat(ok.verified(false)).as(file.toString()).isTrue();
            List<String> lines = lines(file);
            int mutation = i % 5;
            String reason;
            switch (mutation) {
                case 0 -> {
                    lines.remove(0);
                    reason = "no run_start";
                }
                case 1 -> {
                    int k = 1 + r.nextInt(steps);
                    lines.set(k, without(lines.get(k), "output_hash"));
                    reason = "no output_hash";
                }
                case 2 -> {
                    int k = 1 + r.nextInt(steps);
                    lines.set(k, without(lines.get(k), "seed"));
                    reason = "no seed";
                }
                case 3 -> {
                    if (steps == 1) {
                        // one step cannot be reordered among steps: move it before run_start instead
                        Collections.swap(lines, 0, 1);
                        reason = "run_start";
                    } else {
                        int a = 1 + r.nextInt(steps);
                        int b = 1 + (a - 1 + 1 + r.nextInt(steps - 1)) % steps;
                        Collections.swap(lines, a, b);
                        reason = "out of order";
                    }
                }
                default -> {
                    lines.clear();
                    reason = "no events";
                }
            }
            rewrite(file, lines);
            Files.writeString(TraceFormat.signatureFileOf(file), GoldenRecorder.signFile(file, SECRET));
            assertFails(audit(file), reason);
        }
    }

    @Test
    void aValidSimulationGoldenHasNoProblems() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.SIMULATION);
        assertThat(audit(file).problems()).isEmpty();
    }
}
