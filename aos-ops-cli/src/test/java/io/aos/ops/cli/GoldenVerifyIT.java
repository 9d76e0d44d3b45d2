package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.format.GoldenRecorder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aos-ops golden verify} through the built jar, with the secret in the process environment. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GoldenVerifyIT {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private Run verify(String secret, String... files) throws IOException, InterruptedException {
        return run(List.of(), "verify", secret, files);
    }

    private Run run(List<String> jvmOptions, String subcommand, String secret, String... files)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "golden", subcommand));
        command.addAll(List.of(files));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().remove("GOLDEN_SECRET");
        if (secret != null) {
            pb.environment().put("GOLDEN_SECRET", secret);
        }
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void secretFromTheEnvironmentVerifiesAndAWrongOneFails() throws Exception {
        Path file;
        try (GoldenRecorder recorder = GoldenRecorder.open(tmp.resolve("golden"), "r1",
                "env-secret".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC))) {
            // a trace with something to check: run_end alone has nothing and fails for that
            com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance;
            java.math.BigInteger seed = java.math.BigInteger.valueOf(12345);
            recorder.recordRunStart(f.objectNode().put("id", "wf"), seed, false, null);
            recorder.recordStep(0, "s0", "echo", null, io.aos.ops.golden.hash.GoldenHashes.stepSeed(seed, 0), true,
                    f.objectNode().put("v", 1), null, null);
            recorder.recordRunEnd("completed");
            file = recorder.file();
        }
        Run ok = verify("env-secret", file.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("OK    " + file).contains("signature valid");
        Run wrong = verify("other", file.toString());
        assertThat(wrong.code()).isEqualTo(1);
        Run unset = verify(null, file.toString());
        assertThat(unset.code()).isEqualTo(1);
        assertThat(unset.err()).contains("GOLDEN_SECRET not set");
    }

    @Test
    void anEventLargerThanTheHeapIsAnUnreadableFileNotACrash() throws Exception {
        // one 48 MB line: streaming cannot help when a single event does not fit in a 32 MB heap
        Path huge = tmp.resolve("huge.steps.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(huge))) {
            out.write("{\"data\":{\"index\":0,\"output\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 48; i++) {
                out.write(chunk);
            }
            out.write("\"},\"event_type\":\"step\",\"run_id\":\"r\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        Run r = run(List.of("-Xmx32m"), "hash", null, huge.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains("huge.steps.jsonl").contains("too large to read in a JVM heap")
                .doesNotContain("OutOfMemoryError");
    }
}
