package io.aos.ops.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

    @TempDir
    Path tmp;

    private Path src;
    private BundleWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        src = Files.createDirectories(tmp.resolve("src"));
        writer = new BundleWriter(Files.createDirectories(tmp.resolve("bundle")), 1000);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aCopyHasTheSourcesBytesAndMtimeAndTheSourceIsUnchanged() throws Exception {
        Path log = src.resolve("shadow.log");
        Files.writeString(log, "line 1\nline 2\n");
        FileTime mtime = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(log, mtime);

        assertThat(writer.copy(log, "logs/shadow.log")).contains("logs/shadow.log");

        Path copy = tmp.resolve("bundle/logs/shadow.log");
        assertThat(Files.readString(copy)).isEqualTo("line 1\nline 2\n");
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(mtime);
        assertThat(Files.getLastModifiedTime(log)).isEqualTo(mtime);
        assertThat(writer.digests()).containsEntry("logs/shadow.log", sha256(Files.readAllBytes(log)));
    }

    @Test
    void theSameSourceIsCopiedOnceAndANameTakenByAnotherGetsASuffix() throws Exception {
        Path a = Files.writeString(src.resolve("a.log"), "a");
        Path other = Files.createDirectories(src.resolve("other"));
        Path b = Files.writeString(other.resolve("a.log"), "b");
        assertThat(writer.copy(a, "logs/a.log")).contains("logs/a.log");
        assertThat(writer.copy(a, "run/a.log")).contains("logs/a.log");
        assertThat(writer.copy(b, "logs/a.log")).contains("logs/a-2.log");
        assertThat(writer.entries()).hasSize(2);
    }

    @Test
    void absentUnreadableAndOversizedSourcesAreNotedAndNothingIsWrittenForThem() throws Exception {
        assertThat(writer.copy(src.resolve("missing.log"), "logs/missing.log")).isEmpty();
        Path dir = Files.createDirectories(src.resolve("dir.log"));
        assertThat(writer.copy(dir, "logs/dir.log")).isEmpty();
        Path big = Files.write(src.resolve("big.log"), new byte[1001]);
        assertThat(writer.copy(big, "logs/big.log")).isEmpty();

        assertThat(writer.absent()).containsExactly(src.resolve("missing.log"));
        assertThat(writer.unreadable()).extracting(BundleWriter.Skipped::source).containsExactly(dir, big);
        assertThat(writer.unreadable().get(0).reason()).isEqualTo("is a directory, not a regular file");
        assertThat(writer.unreadable().get(1).reason()).contains("1001 bytes", "larger than the 1000-byte bound");
        assertThat(tmp.resolve("bundle/logs")).doesNotExist();
    }

    @Test
    void theManifestIsSha256sumsFormatOverEveryFileInNameOrder() throws Exception {
        writer.text("z.txt", "zed\n");
        writer.copy(Files.writeString(src.resolve("a.log"), "a\n"), "logs/a.log");
        writer.manifest();
        List<String> lines = Files.readAllLines(tmp.resolve("bundle/MANIFEST.sha256"));
        assertThat(lines).containsExactly(sha256("a\n".getBytes()) + "  logs/a.log",
                sha256("zed\n".getBytes()) + "  z.txt");
        assertThat(writer.digests()).containsKey("MANIFEST.sha256").hasSize(3);
    }

    @Test
    void randomFilesCopyWithTheDigestsAnIndependentHashGives() throws Exception {
        Random random = new Random(3);
        BundleWriter big = new BundleWriter(Files.createDirectories(tmp.resolve("bundle2")), 1L << 20);
        for (int i = 0; i < 60; i++) {
            byte[] bytes = new byte[random.nextInt(random.nextInt(8) == 0 ? 400_000 : 3_000)];
            random.nextBytes(bytes);
            Path file = Files.write(src.resolve("f" + i + ".bin"), bytes);
            Optional<String> name = big.copy(file, "files/f" + i + ".bin");
            assertThat(name).isPresent();
            assertThat(big.digests().get(name.get())).isEqualTo(sha256(bytes));
            assertThat(Files.readAllBytes(tmp.resolve("bundle2").resolve(name.get()))).isEqualTo(bytes);
        }
    }
}
