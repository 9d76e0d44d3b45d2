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
     * The files of one scanned directory are found in it with path operations once, not once per file; files of
     * several directories, nested names and files whose relative name is not their path's end (a caller's own) are
     * each still opened where they are: every file's bytes are its own, against reading it by its path.
     */
    @Test
    void aDirectorysFilesAreFoundWithPathOperationsOncePerDirectoryAndEachReadFromItsOwnPath() throws Exception {
        java.util.Random random = new java.util.Random(6);
        List<Path> roots = List.of(tmp.resolve("a/golden"), tmp.resolve("b/golden"), tmp.resolve("a/golden/sub"));
        List<ScannedGoldenFile> files = new ArrayList<>();
        int runs = 0;
        for (int run = 0; run < 12; run++) {
            Path root = roots.get(run % roots.size());
            runs++;
            for (int i = 0; i < 200; i++) {
                String relative = (random.nextInt(4) == 0 ? "w" + random.nextInt(3) + "/" : "") + "r" + run + "-" + i
                        + ".golden.json";
                Path p = root.resolve(relative);
                Files.createDirectories(p.getParent());
                byte[] body = ("{\"run\":" + run + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                Files.write(p, body);
                boolean ownName = random.nextInt(50) == 0; // a caller's file: opened in its own directory
                files.add(new ScannedGoldenFile(p, ownName ? "elsewhere/x.json" : relative, body.length,
                        FileTime.fromMillis(0), files.size()));
            }
        }

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
            assertThat(read.get(i)).as(files.get(i).path().toString()).isEqualTo(Files.readAllBytes(files.get(i).path()));
        }
        long foreign = files.stream().filter(f -> f.relative().startsWith("elsewhere/")).count();
        // each run found once per reader thread at most, plus the foreign files and the file after each of them
        assertThat(found).isLessThanOrEqualTo((long) runs * FileReadAhead.READERS * 2 + 2 * foreign);
        assertThat(found).isLessThan(files.size() / 4);
    }

    @Test
    void anEmptyListEndsAtOnce() throws Exception {
        try (FileReadAhead ahead = new FileReadAhead(List.of())) {
            assertThat(ahead.next()).isNull();
            assertThat(ahead.next()).isNull();
        }
    }
}
