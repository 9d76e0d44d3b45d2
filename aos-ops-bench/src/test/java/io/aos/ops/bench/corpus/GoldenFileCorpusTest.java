package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFileCorpusTest {

    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void writesCountFilesOfAboutFourHundredBytes() throws IOException {
        GoldenFileCorpus.GoldenFiles files = write(tmp.resolve("g"), 300, 1, 1000);

        List<Path> written = list(tmp.resolve("g"));
        assertThat(written).hasSize(300).allMatch(p -> p.getFileName().toString().endsWith(".golden.json"));
        assertThat(files.bytes() / 300.0).isBetween(330.0, 470.0);
        assertThat(files.bytes()).isEqualTo(written.stream().mapToLong(GoldenFileCorpusTest::size).sum());
    }

    @Test
    void eachFileIsAFormatBGoldenWhoseWorkflowHashMatchesItsSteps() throws IOException {
        write(tmp.resolve("g"), 20, 1, 1000);

        for (Path file : list(tmp.resolve("g"))) {
            JsonNode golden = OpsJson.readTree(file);
            assertThat(file.getFileName().toString()).isEqualTo(golden.get("run_id").asText() + ".golden.json");
            UpstreamWorkflow type = UpstreamWorkflow.valueOf(golden.get("workflow_type").asText().toUpperCase());
            List<String> hashes = type.stepHashes(golden.get("seed").asLong());
            assertThat(golden.get("step_hashes").toString()).isEqualTo(OpsJson.mapper().valueToTree(hashes).toString());
            assertThat(golden.get("workflow_hash").asText()).isEqualTo(UpstreamWorkflow.workflowHash(hashes));
            assertThat(Files.readString(file)).startsWith("{\n  \"run_id\": ").doesNotEndWith("\n");
        }
    }

    @Test
    void modificationTimesAreSpreadInsideTheAgeWindow() throws IOException {
        GoldenFileCorpus.GoldenFiles files = write(tmp.resolve("g"), 500, 2, 1000);

        Instant youngest = NOW.minus(Duration.ofDays(1));
        Instant oldest = NOW.minus(Duration.ofDays(30));
        for (Path file : list(tmp.resolve("g"))) {
            Instant mtime = Files.getLastModifiedTime(file).toInstant();
            assertThat(mtime).isBetween(oldest, youngest);
        }
        assertThat(Duration.between(files.oldest(), files.newest())).isGreaterThan(Duration.ofDays(25));
        long olderThanWeek = list(tmp.resolve("g")).stream()
                .filter(p -> mtime(p).isBefore(NOW.minus(Duration.ofDays(7)))).count();
        assertThat(olderThanWeek).isBetween(300L, 450L); // 23 of 29 days: about 397
    }

    @Test
    void sameSeedGivesTheSameNamesContentsAndTimes() throws IOException {
        write(tmp.resolve("1"), 50, 9, 1000);
        write(tmp.resolve("2"), 50, 9, 1000);

        List<Path> first = list(tmp.resolve("1"));
        List<Path> second = list(tmp.resolve("2"));
        assertThat(first.stream().map(p -> p.getFileName().toString()).toList())
                .isEqualTo(second.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
            assertThat(mtime(second.get(i))).isEqualTo(mtime(first.get(i)));
        }
    }

    @Test
    void moreFilesThanFitInOneDirectoryGoIntoSubdirectories() throws IOException {
        GoldenFileCorpus.GoldenFiles files = write(tmp.resolve("g"), 25, 1, 10);

        assertThat(files.subdirectories()).isEqualTo(3);
        try (Stream<Path> top = Files.list(tmp.resolve("g"))) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("d0000", "d0001", "d0002");
        }
        assertThat(list(tmp.resolve("g"))).hasSize(25);
        assertThat(list(tmp.resolve("g/d0002"))).hasSize(5);
    }

    private static GoldenFileCorpus.GoldenFiles write(Path dir, int count, long seed, int perDir) throws IOException {
        return GoldenFileCorpus.write(dir, count, seed, NOW, Duration.ofDays(1), Duration.ofDays(30), perDir);
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
