package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryArchiverTest {

    @TempDir
    Path tmp;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The oracle: every regular file below {@code dir}, hashed independently of the archive code. */
    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                map.put(dir.relativize(p).toString().replace('\\', '/'), sha256(Files.readAllBytes(p)));
            }
        }
        return map;
    }

    /** Each file's bytes and mtime, to show the directory was not touched. */
    private static Map<String, Object> snapshot(Path dir) throws Exception {
        Map<String, Object> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                map.put(p.toString(), Files.isRegularFile(p)
                        ? List.of(sha256(Files.readAllBytes(p)), Files.getLastModifiedTime(p)) : "dir");
            }
        }
        return map;
    }

    private Path bundle() throws IOException {
        Path dir = tmp.resolve("m4-incident-20261202_034500");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("INCIDENT.md"), "# Incident\n");
        Files.writeString(dir.resolve("logs/shadow.log"), "[INFO] 03:00:00 Running cycle 1...\n");
        Files.setLastModifiedTime(dir.resolve("logs/shadow.log"), FileTime.fromMillis(1_700_000_000_000L));
        return dir;
    }

    @Test
    void archivesTheDirectoryUnderItsNameVerifiedAndLeavesItUntouched() throws Exception {
        Path dir = bundle();
        Map<String, Object> before = snapshot(dir);
        Path target = tmp.resolve(dir.getFileName() + ".tar.gz");

        DirectoryArchiver.Result r = DirectoryArchiver.archive(dir, target, digests(dir));

        assertThat(r.members()).isEqualTo(2);
        assertThat(r.archive()).isEqualTo(target).isRegularFile();
        assertThat(Files.readString(r.checksumFile())).isEqualTo(r.sha256() + "  " + target.getFileName() + "\n");
        assertThat(ArchiveVerifier.verify(target).ok()).isTrue();
        ArchiveReader.Contents contents = ArchiveReader.read(target, ArchiveFormat.GZIP, null);
        assertThat(contents.members()).extracting(ArchiveReader.Member::name).containsExactly(
                "m4-incident-20261202_034500/INCIDENT.md", "m4-incident-20261202_034500/logs/shadow.log");
        assertThat(snapshot(dir)).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    dir.getFileName().toString(), target.getFileName().toString(),
                    target.getFileName() + ".sha256");
        }
    }

    @Test
    void aFileThatDiffersFromTheExpectedDigestFailsAndLeavesNoArchive() throws Exception {
        Path dir = bundle();
        Map<String, String> expected = new HashMap<>(digests(dir));
        expected.put("logs/shadow.log", sha256("something else".getBytes()));
        Path target = tmp.resolve("bundle.tar.gz");

        assertThatThrownBy(() -> DirectoryArchiver.archive(dir, target, expected))
                .isInstanceOf(DirectoryArchiver.ArchiveFailedException.class)
                .hasMessageContaining("logs/shadow.log").hasMessageContaining("manifest says");
        assertThat(target).doesNotExist();
        assertThat(ChecksumFile.of(target)).doesNotExist();
        assertThat(target.resolveSibling(".bundle.tar.gz.partial")).doesNotExist();
    }

    @Test
    void aMissingOrExtraFileFails() throws Exception {
        Path dir = bundle();
        Map<String, String> expected = new HashMap<>(digests(dir));
        expected.put("not-there.txt", sha256(new byte[0]));
        assertThatThrownBy(() -> DirectoryArchiver.archive(dir, tmp.resolve("a.tgz"), expected))
                .hasMessageContaining("missing 1 file").hasMessageContaining("not-there.txt");

        Map<String, String> fewer = new HashMap<>(digests(dir));
        fewer.remove("INCIDENT.md");
        assertThatThrownBy(() -> DirectoryArchiver.archive(dir, tmp.resolve("b.tgz"), fewer))
                .hasMessageContaining("INCIDENT.md is not a file of the bundle's manifest");
    }

    @Test
    void anExistingArchiveIsNeverReplaced() throws Exception {
        Path dir = bundle();
        Path target = tmp.resolve("bundle.tgz");
        Files.writeString(target, "keep me");
        assertThatThrownBy(() -> DirectoryArchiver.archive(dir, target, digests(dir)))
                .hasMessageContaining("already exists");
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    void randomTreesArchiveExactlyTheirFilesWithTheirDigests() throws Exception {
        Random random = new Random(17);
        for (int round = 0; round < 25; round++) {
            Path dir = tmp.resolve("b" + round).resolve("bundle-" + round);
            Files.createDirectories(dir);
            int files = 1 + random.nextInt(12);
            for (int i = 0; i < files; i++) {
                Path file = dir;
                int depth = random.nextInt(3);
                for (int d = 0; d < depth; d++) {
                    file = file.resolve("d" + random.nextInt(3));
                }
                file = file.resolve("f" + i + (random.nextBoolean() ? ".log" : ".json"));
                Files.createDirectories(file.getParent());
                byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 300_000 : 2_000)];
                random.nextBytes(bytes);
                Files.write(file, bytes);
            }
            Map<String, String> oracle = digests(dir);
            Map<String, Object> before = snapshot(dir);
            Path target = dir.resolveSibling(dir.getFileName() + ".tar.gz");

            DirectoryArchiver.Result r = DirectoryArchiver.archive(dir, target, oracle);

            assertThat(r.members()).as("round %d", round).isEqualTo(oracle.size());
            Map<String, String> archived = new TreeMap<>();
            for (ArchiveReader.Member m : ArchiveReader.read(target, ArchiveFormat.GZIP, null).members()) {
                archived.put(m.name().substring(dir.getFileName().toString().length() + 1),
                        HexFormat.of().formatHex(m.sha256()));
            }
            assertThat(archived).as("round %d", round).isEqualTo(oracle);
            assertThat(snapshot(dir)).isEqualTo(before);
        }
    }
}
