package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection: a real child JVM archives a directory and is killed with SIGKILL at one point of the sequence.
 * After each kill, every original file must be either still in place or inside a finished archive that verifies;
 * a second run must converge (everything archived, no partial file, no journal).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashSafetyIT {

    private static final int FILES = 24;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"scanned", "packed:1", "packed:13", "packed", "verified", "checksummed", "journaled",
        "renamed", "deleted:1", "deleted:12", "done"})
    void killNineAtAnyPointLosesNoFile(String phase) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        for (int i = 0; i < FILES / 3; i++) {
            tree.file("primary-w0-" + i + ".golden.json", Duration.ofDays(2));
            tree.file("run-" + i + ".steps.jsonl", Duration.ofDays(2));
            tree.file("run-" + i + ".steps.jsonl.sig", Duration.ofDays(2));
        }
        Map<String, String> originals = GoldenTree.contents(tree.golden);

        killChildAt(tree, phase);

        Map<String, String> afterKill = census(tree);
        assertThat(afterKill).as("after SIGKILL at " + phase).isEqualTo(originals);

        ArchiveReport rerun = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
        assertThat(rerun.ok()).isTrue();
        assertThat(GoldenTree.contents(tree.golden)).as("rerun archives everything").isEmpty();
        assertThat(census(tree)).isEqualTo(originals);
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
        assertThat(tree.settings().workDir().resolve("journal")).isEmptyDirectory();
    }

    /** 1,200 files: the deletes run on several threads, and the kill lands while they are at it. */
    @ParameterizedTest
    @ValueSource(strings = {"deleted:1", "deleted:700", "deleted:1200"})
    void killNineDuringTheParallelDeleteLosesNoFile(String phase) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        for (int i = 0; i < 400; i++) {
            tree.file("primary-w0-" + i + ".golden.json", Duration.ofDays(2));
            tree.file("run-" + i + ".steps.jsonl", Duration.ofDays(2));
            tree.file("run-" + i + ".steps.jsonl.sig", Duration.ofDays(2));
        }
        Map<String, String> originals = GoldenTree.contents(tree.golden);

        killChildAt(tree, phase);

        assertThat(census(tree)).as("after SIGKILL at " + phase).isEqualTo(originals);
        ArchiveReport rerun = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
        assertThat(rerun.ok()).isTrue();
        assertThat(GoldenTree.contents(tree.golden)).isEmpty();
        assertThat(census(tree)).isEqualTo(originals);
        assertThat(tree.settings().workDir().resolve("journal")).isEmptyDirectory();
    }

    private void killChildAt(GoldenTree tree, String phase) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-D" + CrashPoint.PROPERTY + "=" + phase, "-cp", System.getProperty("java.class.path"),
                ArchiveChild.class.getName(), tree.root.toString(), tree.golden.toString(),
                GoldenTree.NOW.toString(), "1", "GZIP"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean reached = false;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.equals("CRASHPOINT " + phase)) {
                    reached = true;
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reached).as("child reached " + phase + "; output: " + output).isTrue();
    }

    /**
     * Every golden file that exists: those still in the directory plus those held by finished archives that verify
     * (partial files do not count). A name found in both places must have the same content.
     */
    private static Map<String, String> census(GoldenTree tree) throws Exception {
        Map<String, String> found = new HashMap<>(GoldenTree.contents(tree.golden));
        Path archives = tree.settings().archiveDir();
        if (!Files.isDirectory(archives)) {
            return found;
        }
        try (Stream<Path> s = Files.list(archives)) {
            for (Path archive : s.toList()) {
                String name = archive.getFileName().toString();
                if (name.startsWith(".") || ArchiveFormat.ofFileName(name).isEmpty()) {
                    continue;
                }
                ArchiveVerifier.Result r = ArchiveVerifier.verify(archive, new InMemorySink((member, data) -> {
                    String content = new String(data, StandardCharsets.UTF_8);
                    String before = found.putIfAbsent(member, content);
                    assertThat(before == null || before.equals(content)).as(member).isTrue();
                }));
                assertThat(r.ok()).as(name + ": " + r.reason()).isTrue();
            }
        }
        return found;
    }
}
