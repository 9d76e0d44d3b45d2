package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace much larger than the heap is archived: a child JVM with a 128 MB heap archives a 300 MB (sparse) trace,
 * which it could not hold in one array.
 */
class LargeMemberIT {

    private static final long TRACE_BYTES = 300L << 20;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aTraceLargerThanTheHeapIsArchivedVerifiedAndRemoved() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path trace = tree.golden.resolve("big.steps.jsonl");
        try (RandomAccessFile sparse = new RandomAccessFile(trace.toFile(), "rw")) {
            sparse.write("{\"step\":0}\n".getBytes(StandardCharsets.UTF_8));
            sparse.setLength(TRACE_BYTES);
            sparse.seek(TRACE_BYTES - 12);
            sparse.write("{\"step\":9}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(trace, FileTime.from(GoldenTree.NOW.minus(Duration.ofDays(2))));
        tree.file("big.steps.jsonl.sig", Duration.ofDays(2));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = tmp.resolve("child.out");
        Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ArchiveChild.class.getName(), tree.root.toString(),
                tree.golden.toString(), GoldenTree.NOW.toString(), "1", "ZSTD"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(child.waitFor(4, TimeUnit.MINUTES)).as("child finished").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("CHILD DONE", "Removed 3 archived files");
        assertThat(trace).doesNotExist();

        Path archive;
        try (var s = Files.list(tree.settings().archiveDir())) {
            archive = s.filter(p -> p.toString().endsWith(".tar.zst")).findFirst().orElseThrow();
        }
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(archive);
        assertThat(verified.ok()).as(verified.reason()).isTrue();
        assertThat(verified.manifest()).anyMatch(e -> e.path().equals("big.steps.jsonl")
                && e.size() == TRACE_BYTES);
    }
}
