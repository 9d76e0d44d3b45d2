package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retention status --json} run as a process (its stats spread over a thread per core) reports the figures a
 * single-threaded scan in this JVM finds, on a tree large enough that batches are handed out: directories of
 * thousands of files, nested directories, links, other files. Modification times are days in the past or the
 * future, so the growth window's figures do not depend on when each scan ran.
 */
class RetentionStatusIT {

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void theJarReportsWhatASingleThreadedScanFinds() throws Exception {
        Path golden = tmp.resolve("golden");
        Path traces = tmp.resolve("traces");
        Random random = new Random(20);
        Instant now = Instant.now();
        tree(golden, 5000, random, now);
        tree(golden.resolve("nested/deeper"), 1500, random, now);
        tree(traces, 300, random, now);
        Files.createSymbolicLink(golden.resolve("link.golden.json"), golden.resolve("f1.golden.json"));
        Files.createSymbolicLink(golden.resolve("link-dir"), traces);
        Path archives = tmp.resolve("archive");

        CliRun run = jar("retention", "status", "--dir", golden.toString(), "--dir", traces.toString(),
                "--archive-dir", archives.toString(), "--json");

        assertThat(run.code()).as(run.out()).isZero();
        JsonNode reported = OpsJson.mapper().readTree(run.out());
        RetentionSettings settings = RetentionSettings.from(OpsConfig.rootedAt(tmp), List.of(golden, traces),
                Clock.systemUTC());
        StorageStatus expected = new StatusScanner(settings).status();
        assertThat(reported.get("directories")).isEqualTo(OpsJson.mapper().valueToTree(expected.directories()));
        assertThat(reported.at("/directories/0/files").asLong()).isGreaterThan(4000); // 5/6 of 6,500 names are golden
        assertThat(reported.at("/directories/0/recentFiles").asLong()).isPositive();
    }

    /** {@code count} files: mostly golden, some other; times 1 to 30 days ago, one in 20 a day ahead. */
    private static void tree(Path dir, int count, Random random, Instant now) throws Exception {
        Files.createDirectories(dir);
        String[] endings = {".golden.json", ".steps.jsonl", ".steps.jsonl.sig", ".json", ".txt", ""};
        for (int i = 0; i < count; i++) {
            Path f = dir.resolve("f" + i + endings[random.nextInt(endings.length)]);
            Files.write(f, new byte[random.nextInt(9000)]);
            Instant t = random.nextInt(20) == 0 ? now.plus(Duration.ofDays(1))
                    : now.minus(Duration.ofDays(1)).minusSeconds(random.nextInt(29 * 86_400));
            Files.setLastModifiedTime(f, FileTime.from(t));
        }
    }

    private CliRun jar(String... args) throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }
}
