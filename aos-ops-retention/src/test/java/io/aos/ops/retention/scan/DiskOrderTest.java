package io.aos.ops.retention.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskOrderTest {

    @Test
    void inodeFromTheScannedAttributesIsTheFileSystemsInodeNumber(@TempDir Path dir) throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("unix");
        Path file = Files.writeString(dir.resolve("a.golden.json"), "{}");
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);

        assertThat(DiskOrder.inodeOf(attrs)).isEqualTo(((Number) Files.getAttribute(file, "unix:ino")).longValue());
    }

    @Test
    void scanCarriesEachFilesInode(@TempDir Path dir) throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("unix");
        Files.writeString(dir.resolve("a.golden.json"), "{}");
        Files.createDirectories(dir.resolve("w1"));
        Files.writeString(dir.resolve("w1/b.steps.jsonl"), "{}\n");
        List<ScannedGoldenFile> found = new ArrayList<>();

        GoldenScanner.scan(dir, true, found::add);

        assertThat(found).hasSize(2).allSatisfy(f -> {
            try {
                assertThat(f.inode()).isEqualTo(((Number) Files.getAttribute(f.path(), "unix:ino")).longValue());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
