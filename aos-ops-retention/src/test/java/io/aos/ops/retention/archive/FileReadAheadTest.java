package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadAheadTest {

    @TempDir
    Path tmp;

    @Test
    void handsOverEveryFileInTheGivenOrderAcrossBatchesAndReadersAndMarksVanishedOnes() throws Exception {
        List<ScannedGoldenFile> files = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // many batches, more than the window, over all reader threads
            Path p = tmp.resolve("f" + i + ".json");
            byte[] body = ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            Files.write(p, body);
            files.add(new ScannedGoldenFile(p, p.getFileName().toString(), body.length, FileTime.fromMillis(0), i));
        }
        Files.delete(files.get(2_345).path());

        List<String> seen = new ArrayList<>();
        try (FileReadAhead ahead = new FileReadAhead(files)) {
            FileReadAhead.Loaded loaded;
            while ((loaded = ahead.next()) != null) {
                seen.add(loaded.data() == null ? "gone:" + loaded.file().relative()
                        : new String(loaded.data(), StandardCharsets.UTF_8));
            }
        }

        assertThat(seen).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(seen.get(i)).isEqualTo(i == 2_345 ? "gone:f2345.json" : "{\"i\":" + i + "}");
        }
    }

    /** Large traces are read a few ahead, by bytes, not thousands of files ahead: the heap stays bounded. */
    @Test
    void readsAheadNoMoreThanTheByteWindowPlusOneFile() throws Exception {
        byte[] body = new byte[3 << 20];
        List<ScannedGoldenFile> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // 180 MiB in all
            Path p = tmp.resolve("t" + i + ".steps.jsonl");
            body[0] = (byte) i;
            Files.write(p, body);
            files.add(new ScannedGoldenFile(p, p.getFileName().toString(), body.length, FileTime.fromMillis(0), i));
        }
        int seen = 0;
        try (FileReadAhead ahead = new FileReadAhead(files)) {
            assertThat(ahead.bytesAhead()).isLessThanOrEqualTo(FileReadAhead.WINDOW_BYTES + body.length);
            FileReadAhead.Loaded loaded;
            while ((loaded = ahead.next()) != null) {
                assertThat(loaded.data()[0]).isEqualTo((byte) seen++);
                assertThat(ahead.bytesAhead()).isLessThanOrEqualTo(FileReadAhead.WINDOW_BYTES + body.length);
            }
        }
        assertThat(seen).isEqualTo(60);
    }

    /** The heap holds what the scan said, not what a file grew to: one that grew past the threshold is streamed. */
    @Test
    void aSmallFileThatGrewPastTheStreamThresholdIsHandedOverToBeStreamed() throws Exception {
        Path small = tmp.resolve("small.golden.json");
        Path grown = tmp.resolve("grown.steps.jsonl");
        Path big = tmp.resolve("big.steps.jsonl");
        Files.write(small, new byte[100]);
        Files.write(grown, new byte[5_000]); // the scan saw 100 bytes
        Files.write(big, new byte[2_000]);
        List<ScannedGoldenFile> files = List.of(
                new ScannedGoldenFile(small, "small.golden.json", 100, FileTime.fromMillis(0), 1),
                new ScannedGoldenFile(grown, "grown.steps.jsonl", 100, FileTime.fromMillis(0), 2),
                new ScannedGoldenFile(big, "big.steps.jsonl", 2_000, FileTime.fromMillis(0), 3));

        try (FileReadAhead ahead = new FileReadAhead(files, 1_000)) {
            assertThat(ahead.next().data()).hasSize(100);
            assertThat(ahead.next().streamed()).isTrue();
            assertThat(ahead.next().streamed()).isTrue();
            assertThat(ahead.next()).isNull();
        }
    }

    /**
     * The files of one scanned directory (an archive's), nested names included, are found in it with path operations
     * once per reader thread at most, not once per file; a file whose relative name is not its path's end (a
     * caller's own) is opened in its own directory, and costs its own look-up. Every file's bytes are its own.
     */
    @Test
    void aDirectorysFilesAreFoundWithPathOperationsOncePerDirectory() throws Exception {
        List<ScannedGoldenFile> files = randomFiles(List.of(tmp.resolve("golden")), new java.util.Random(6));

        long found = readAllCheckingBytes(files);

        long foreign = files.stream().filter(f -> f.relative().startsWith("elsewhere/")).count();
        assertThat(foreign).isPositive();
        assertThat(found).isLessThanOrEqualTo(FileReadAhead.READERS + foreign);
    }

    /** Files of several scanned directories, interleaved and nested in one another, are each read from their path. */
    @Test
    void filesOfSeveralDirectoriesAreEachReadFromTheirOwnPath() throws Exception {
        List<Path> roots = List.of(tmp.resolve("a/golden"), tmp.resolve("b/golden"), tmp.resolve("a/golden/w0"));

        readAllCheckingBytes(randomFiles(roots, new java.util.Random(7)));
    }

    /** 12 runs of 200 files, the runs in the roots in turn; some in subdirectories, one in 50 a caller's own. */
    private static List<ScannedGoldenFile> randomFiles(List<Path> roots, java.util.Random random) throws Exception {
        List<ScannedGoldenFile> files = new ArrayList<>();
        for (int run = 0; run < 12; run++) {
            Path root = roots.get(run % roots.size());
            for (int i = 0; i < 200; i++) {
                String relative = (random.nextInt(4) == 0 ? "w" + random.nextInt(3) + "/" : "") + "r" + run + "-" + i
                        + ".golden.json";
                Path p = root.resolve(relative);
                Files.createDirectories(p.getParent());
                byte[] body = ("{\"run\":" + run + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                Files.write(p, body);
                boolean foreign = random.nextInt(50) == 0;
                files.add(new ScannedGoldenFile(p, foreign ? "elsewhere/x.json" : relative, body.length,
                        FileTime.fromMillis(0), files.size()));
            }
        }
        return files;
    }

    /** Reads {@code files} through a read-ahead, checks each one's bytes, and says how many roots it looked up. */
    private static long readAllCheckingBytes(List<ScannedGoldenFile> files) throws Exception {
        List<byte[]> read = new ArrayList<>();
        long found;
        try (FileReadAhead ahead = new FileReadAhead(files)) {
            FileReadAhead.Loaded loaded;
            while ((loaded = ahead.next()) != null) {
                read.add(loaded.data());
            }
            found = ahead.rootsFound();
        }
        assertThat(read).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            assertThat(read.get(i)).as(files.get(i).path().toString())
                    .isEqualTo(Files.readAllBytes(files.get(i).path()));
        }
        return found;
    }

    @Test
    void anEmptyListEndsAtOnce() throws Exception {
        try (FileReadAhead ahead = new FileReadAhead(List.of())) {
            assertThat(ahead.next()).isNull();
            assertThat(ahead.next()).isNull();
        }
    }
}
