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
import java.util.Map;
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
        assertThat(reported.at("/directories/0/futureFiles").asLong()).isPositive(); // a day ahead: not growth
        assertThat(reported.at("/directories/0/recentFiles").asLong()).isZero();
    }

    @Test
    @Timeout(120)
    void aBadRetentionDaysIsAWarningForCommandsThatUseNoAgeAndAnErrorForArchive() throws Exception {
        Path golden = Files.createDirectories(tmp.resolve("golden"));
        Files.writeString(golden.resolve("a.golden.json"), "{}");
        Path archives = tmp.resolve("archive");
        Map<String, String> env = Map.of("RETENTION_DAYS", "abc");
        String warning = "aos-ops: warning: RETENTION_DAYS must be a whole number, not 'abc'; retention ";

        CliRun status = jar(env, "retention", "status", "--dir", golden.toString(), "--archive-dir",
                archives.toString());
        CliRun json = jar(env, "retention", "status", "--json", "--dir", golden.toString(), "--archive-dir",
                archives.toString());
        CliRun verify = jar(env, "retention", "verify", "--archive-dir", archives.toString());
        CliRun archive = jar(env, "retention", "archive", "--dir", golden.toString(), "--archive-dir",
                archives.toString());

        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("Directory: " + golden, "  Files: 1");
        assertThat(status.err()).contains(warning + "status uses no age, but archive and cleanup refuse it");
        assertThat(json.code()).isZero();
        assertThat(OpsJson.mapper().readTree(json.out()).at("/directories/0/files").asLong()).isEqualTo(1);
        assertThat(verify.code()).as("no archive directory: verify's own verdict").isEqualTo(2);
        assertThat(verify.err()).contains(warning + "verify", "archive directory " + archives + " does not exist");
        assertThat(archive.code()).isEqualTo(2);
        assertThat(archive.err()).contains("RETENTION_DAYS must be a whole number, not 'abc'");
        assertThat(golden.resolve("a.golden.json")).exists();
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
        return jar(Map.of(), args);
    }

    private CliRun jar(Map<String, String> env, String... args) throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("not finished within 240 s, killed: " + command);
        }
        return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
