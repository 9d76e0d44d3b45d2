package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large members are copied from the file in chunks, not held whole in the heap. The streamed path must write the
 * very bytes the in-memory path writes: differential test over random files and thresholds.
 */
class StreamedMemberTest {

    @TempDir
    Path tmp;

    private List<ScannedGoldenFile> randomFiles(Random random, Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        List<ScannedGoldenFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(3);
                case 1 -> 511 + random.nextInt(3);
                case 2 -> random.nextInt(5_000);
                default -> 40_000 + random.nextInt(300_000);
            };
            byte[] body = new byte[size];
            random.nextBytes(body);
            String name = String.format("f%03d.golden.json", i);
            Path p = dir.resolve(name);
            Files.write(p, body);
            FileTime mtime = FileTime.fromMillis(1_700_000_000_000L + random.nextInt(1_000_000) * 1000L);
            Files.setLastModifiedTime(p, mtime);
            files.add(new ScannedGoldenFile(p, name, size, mtime, i));
        }
        return files;
    }

    @Test
    void streamedMembersGiveTheSameArchiveBytesAsMembersReadWhole() throws Exception {
        Random random = new Random(4);
        for (int round = 0; round < 6; round++) {
            List<ScannedGoldenFile> files = randomFiles(random, tmp.resolve("src" + round), 1 + random.nextInt(25));
            ArchiveFormat format = random.nextBoolean() ? ArchiveFormat.GZIP : ArchiveFormat.ZSTD;
            long threshold = random.nextInt(3) == 0 ? 0 : random.nextInt(60_000);
            Path whole = tmp.resolve("whole" + round + format.extension());
            Path streamed = tmp.resolve("streamed" + round + format.extension());

            TarPacker.Packed a = TarPacker.pack(whole, format, files, true, Long.MAX_VALUE);
            TarPacker.Packed b = TarPacker.pack(streamed, format, files, true, threshold);

            assertThat(Files.readAllBytes(streamed)).as("round " + round + ", threshold " + threshold)
                    .isEqualTo(Files.readAllBytes(whole));
            assertThat(b.sha256()).isEqualTo(a.sha256());
            assertThat(b.members()).hasSameSizeAs(a.members());
            for (int i = 0; i < a.members().size(); i++) {
                assertThat(b.members().get(i).sha256()).isEqualTo(a.members().get(i).sha256());
                assertThat(b.members().get(i).size()).isEqualTo(a.members().get(i).size());
            }
            Map<String, byte[]> read = new HashMap<>();
            ArchiveReader.read(streamed, format, new InMemorySink(read::put));
            for (ScannedGoldenFile f : files) {
                assertThat(Arrays.equals(read.get(f.relative()), Files.readAllBytes(f.path()))).isTrue();
            }
        }
    }

    @Test
    void aStreamedFileThatVanishedSinceTheScanIsLeftOut() throws Exception {
        List<ScannedGoldenFile> files = randomFiles(new Random(7), tmp.resolve("src"), 5);
        Files.delete(files.get(2).path());

        TarPacker.Packed packed = TarPacker.pack(tmp.resolve("a.tgz"), ArchiveFormat.GZIP, files, true, 0);

        assertThat(packed.members()).extracting(PackedMember::name).containsExactly("f000.golden.json",
                "f001.golden.json", "f003.golden.json", "f004.golden.json");
        assertThat(ArchiveReader.read(tmp.resolve("a.tgz"), ArchiveFormat.GZIP, null).members()).hasSize(4);
    }

    @Test
    void aStreamedFileThatGrewSinceTheScanIsArchivedAsItIsWhenOpened() throws Exception {
        List<ScannedGoldenFile> files = randomFiles(new Random(8), tmp.resolve("src"), 3);
        ScannedGoldenFile grown = files.get(1);
        Files.write(grown.path(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        TarPacker.Packed packed = TarPacker.pack(tmp.resolve("a.tar.zst"), ArchiveFormat.ZSTD, files, true, 0);

        assertThat(packed.members().get(1).size()).isEqualTo(grown.size() + 3);
        Map<String, byte[]> read = new HashMap<>();
        ArchiveReader.read(tmp.resolve("a.tar.zst"), ArchiveFormat.ZSTD, new InMemorySink(read::put));
        assertThat(read.get(grown.relative())).isEqualTo(Files.readAllBytes(grown.path()));
    }
}
