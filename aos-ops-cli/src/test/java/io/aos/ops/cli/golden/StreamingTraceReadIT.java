package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.format.GoldenRecorder;
import io.aos.ops.golden.format.GoldenTraceReader;
import io.aos.ops.golden.format.TraceStep;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine traces are read step by step: a trace whose events held as trees would need several times the heap is read,
 * hashed and verified in a 16 MB heap, by the CLI and through the library's {@link GoldenTraceReader}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamingTraceReadIT {

    static final int STEPS = 20_000;

    @TempDir
    static Path tmp;

    static Path trace;

    @BeforeAll
    static void writeTrace() throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        BigInteger seed = BigInteger.valueOf(12345);
        try (GoldenRecorder recorder = GoldenRecorder.open(tmp.resolve("golden"), "big-run",
                new byte[0], Clock.systemUTC())) {
            recorder.recordRunStart(nodes.objectNode().put("id", "wf-big"), seed, false, null);
            for (int i = 0; i < STEPS; i++) {
                ObjectNode result = nodes.objectNode().put("step_id", "s" + i).put("success", true)
                        .put("duration_ms", i % 7).put("retries", 0);
                ObjectNode output = result.putObject("output").put("index", i).put("text", "x".repeat(300));
                output.putArray("items").add(i).add(i * 2L).add(0.25 * i);
                recorder.recordStep(i, "s" + i, "compute_hash", nodes.objectNode().put("n", i),
                        GoldenHashes.stepSeed(seed, i), true, result, null, null);
            }
            recorder.recordRunEnd("completed");
            trace = recorder.file();
        }
        assertThat(Files.size(trace)).isGreaterThan(9L << 20);
    }

    private static String[] java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx16m", "-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private static String run(int expectedCode, String... command) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("GOLDEN_SECRET", "");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isEqualTo(expectedCode);
        return text;
    }

    @Test
    void goldenHashAndVerifyReadTheTraceInASixteenMegabyteHeap() throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        assertThat(run(0, java("-jar", jar, "golden", "hash", trace.toString())))
                .contains(STEPS + " steps, end completed", "output_hash: all recomputed hashes match");
        assertThat(run(0, java("-jar", jar, "golden", "verify", trace.toString())))
                .contains("1 verified, 0 failed, 0 unreadable");
    }

    /**
     * Start-up: hashing an engine trace needs neither Jackson's data binding (its few non-step events are read into
     * trees without the mapper) nor the JDK's security providers (steps are hashed by Sha256Prefix); setting those up
     * was most of what a short trace's {@code golden hash} loaded beyond any other command.
     */
    @Test
    void goldenHashSetsUpNoObjectMapperNorMessageDigest() throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        String out = run(0, java("-Xlog:class+load=info:stdout:tags", "-jar", jar, "golden", "hash",
                trace.toString()));
        assertThat(out).contains(STEPS + " steps, end completed", "output_hash: all recomputed hashes match",
                        "io.aos.ops.golden.format.TraceAuditor ")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ", "java.security.MessageDigest ",
                        "com.google.common.collect.ImmutableSortedSet ", "java.util.Formatter ");
    }

    @Test
    void theLibraryReaderStreamsStepsInASixteenMegabyteHeap() throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        String classes = Path.of(StreamingTraceReadIT.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        assertThat(run(0, java("-cp", jar + java.io.File.pathSeparator + classes,
                CountSteps.class.getName(), trace.toString()))).contains("steps=" + STEPS + " hashes-match=true");
    }

    /** Runs in the child JVM: reads the trace through the public API, one step at a time. */
    public static final class CountSteps {
        public static void main(String[] args) throws IOException {
            long steps = 0;
            boolean match = true;
            try (GoldenTraceReader reader = GoldenTraceReader.open(Path.of(args[0]))) {
                for (TraceStep step : reader.steps()) {
                    steps++;
                    match &= step.storedHash().equals(step.recomputedHash());
                }
            }
            System.out.println("steps=" + steps + " hashes-match=" + match);
        }
    }
}
