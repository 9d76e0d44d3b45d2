package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aos-ops retention ...} end to end in process, on temp directories (tests have no terminal). */
class RetentionCliTest {


    @TempDir
    Path tmp;
    Path golden;
    Path archives;


    private CliRun retention(String command, String... more) {
        String[] args = Stream.concat(Stream.of("retention", command, "--state-dir", tmp.resolve("state").toString(),
                "--dir", golden.toString(), "--archive-dir", archives.toString()), Stream.of(more))
                .toArray(String[]::new);
        return CliRun.of(args);
    }

    @BeforeEach
    void goldenFiles() throws Exception {
        golden = tmp.resolve("shadow_simulation_20261127_010203/golden");
        archives = tmp.resolve("archive");
        Files.createDirectories(golden);
        for (String name : new String[] {"a.golden.json", "r.steps.jsonl", "r.steps.jsonl.sig"}) {
            Path p = golden.resolve(name);
            Files.writeString(p, "{\"name\":\"" + name + "\"}\n");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        }
        Files.writeString(golden.resolve("new.golden.json"), "{}");
    }

    @Test
    void noSubcommandPrintsUsageAndExitsZero() {
        CliRun r = CliRun.of("retention");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("status", "archive", "cleanup", "verify", "restore");
    }

    @Test
    void helpGivesTheLogDefaultInTheStateDirectory() {
        CliRun r = CliRun.of("retention", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("$AOS_RETENTION_LOG (default "
                + "$AOS_STATE_DIR/golden_retention.log, the state directory being --state-dir, else $AOS_STATE_DIR, "
                + "else /var/lib/aos)").doesNotContain("/var/lib/aos/golden_retention.log");
    }

    @Test
    void cleanupWithoutATerminalAndWithoutForceRefusesWithExit2AndDeletesNothing() {
        CliRun r = retention("cleanup", "--days", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no terminal to ask; nothing was deleted", "--force");
        assertThat(golden.resolve("a.golden.json")).exists();
    }

    @Test
    void cleanupWithForceDeletesOldFilesOnly() {
        CliRun r = retention("cleanup", "--days", "1", "--force");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Deleted 3 files from " + golden, "Cleanup complete: 3 files removed");
        assertThat(golden.resolve("a.golden.json")).doesNotExist();
        assertThat(golden.resolve("new.golden.json")).exists();
    }

    @Test
    void cleanupOfANamedDirectoryThatDoesNotExistExits2AndDeletesNothing() {
        Path typo = tmp.resolve("shadow_simulation_20261127_010203/gloden");

        CliRun r = retention("cleanup", "--days", "1", "--force", "--dir", typo.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("golden directory " + typo + " does not exist; nothing was deleted");
        assertThat(golden.resolve("a.golden.json")).exists();
    }

    @Test
    void archiveVerifyRestoreRoundTrip() throws Exception {
        CliRun archived = retention("archive", "--days", "1");
        assertThat(archived.code()).as(archived.err()).isZero();
        assertThat(archived.out()).contains("Archiving 3 files from " + golden, "Removed 3 archived files",
                "Archive complete");
        assertThat(golden.resolve("a.golden.json")).doesNotExist();

        CliRun verified = retention("verify");
        assertThat(verified.code()).isZero();
        assertThat(verified.out()).containsPattern("✓ golden_\\d{8}_\\d{6}_shadow_simulation_20261127_010203_[0-9a-f]{8}\\.tgz - 3 files")
                .contains("Verified: 1, Failed: 0");

        Path archive;
        try (Stream<Path> s = Files.list(archives)) {
            archive = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        CliRun restored = retention("restore", archive.toString(), golden.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Restored 3 files to " + golden.toRealPath());
        assertThat(golden.resolve("r.steps.jsonl.sig")).exists();

        CliRun again = retention("restore", archive.toString(), golden.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exist", "--force");
    }

    @Test
    void verifyAndRestoreFindABareArchiveNameInTheArchiveDirectory() throws Exception {
        retention("archive", "--days", "1");
        String name;
        try (Stream<Path> s = Files.list(archives)) {
            name = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tgz")).findFirst().orElseThrow();
        }
        Path dest = tmp.resolve("dest");

        CliRun verified = retention("verify", name);
        CliRun restored = retention("restore", name, dest.toString());

        assertThat(verified.code()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("✓ " + name + " - 3 files");
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("Restored 3 files to " + dest.toRealPath() + " from "
                + archives.resolve(name));
    }

    @Test
    void verifyReportsADamagedArchiveAndExitsOne() throws Exception {
        retention("archive", "--days", "1", "--format", "zstd");
        Path archive;
        try (Stream<Path> s = Files.list(archives)) {
            archive = s.filter(p -> p.toString().endsWith(".tar.zst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 1;
        Files.write(archive, bytes);

        CliRun r = retention("verify");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✗ " + archive.getFileName() + " - ", "Verified: 0, Failed: 1");
    }

    @Test
    void statusAsJsonCountsTheDirectory() {
        CliRun r = retention("status", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"files\" : 4", "\"archive\"", "\"filesystems\"");
    }

    @Test
    void archiveOfADirectoryThatDoesNotExistIsAUsageErrorNamingItAndDoesNothing() {
        Path typo = tmp.resolve("no/such/dir");
        for (String dryRun : new String[] {"--format=gzip", "--dry-run"}) {
            CliRun r = CliRun.of("retention", "archive", "--state-dir", tmp.resolve("state").toString(), "--dir",
                    golden.toString(), "--dir", typo.toString(), "--archive-dir", archives.toString(), "--days", "0",
                    dryRun);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains(typo.toString(), "does not exist").doesNotContain("internal error");
            assertThat(r.out()).doesNotContain("No files older than");
        }
        assertThat(golden.resolve("a.golden.json")).exists();
        assertThat(archives).doesNotExist();
    }

    @Test
    void dryRunListsFilesAndChangesNothing() {
        CliRun r = retention("archive", "--days", "1", "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("  a.golden.json  age 3d", "[DRY-RUN] Would archive 3 files from " + golden);
        assertThat(golden.resolve("a.golden.json")).exists();
        assertThat(archives).doesNotExist();
    }

    @Test
    void verifyOfAnArchiveDirectoryThatDoesNotExistIsAUsageErrorNamingIt() {
        CliRun r = CliRun.of("retention", "verify", "--state-dir", tmp.resolve("state").toString(),
                "--archive-dir", tmp.resolve("no/such").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("archive directory " + tmp.resolve("no/such") + " does not exist");
        assertThat(r.out()).doesNotContain("Verified");
    }

    @Test
    void verifyOfAnEmptyArchiveDirectorySaysNothingWasVerifiedAndExitsOne() throws Exception {
        Files.createDirectories(archives);
        CliRun r = retention("verify");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("No archives found in " + archives + "; nothing verified");
    }

    /** A .tgz of about 2 MB whose PAX header claims 2,000 MiB (gzip members of the same 1 MiB of 'a'). */
    private Path paxBomb(Path archive) throws Exception {
        long size = 2000L * (1 << 20) + 1 + "0000000000 path=".length();
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
                new org.apache.commons.compress.archivers.tar.TarArchiveEntry("././@PaxHeader", (byte) 'x', true);
        e.setSize(size);
        byte[] block = new byte[512];
        e.writeEntryHeader(block);
        head.writeBytes(block);
        head.writeBytes((size + " path=").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (java.io.OutputStream out = Files.newOutputStream(archive)) {
            out.write(gzip(head.toByteArray()));
            byte[] compressedChunk = gzip(chunk);
            for (int i = 0; i < 2000; i++) {
                out.write(compressedChunk);
            }
            out.write(gzip(new byte[2048]));
        }
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"),
                java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(archive))) + "  "
                        + archive.getFileName() + "\n");
        return archive;
    }

    private static byte[] gzip(byte[] data) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aBombAmongTheArchivesIsOneFailedLineAndTheOthersAreStillVerified() throws Exception {
        CliRun archived = retention("archive", "--days", "1");
        assertThat(archived.code()).as(archived.err()).isZero();
        Path bomb = paxBomb(archives.resolve("golden_00000000_000000_bomb.tgz"));
        assertThat(Files.size(bomb)).isLessThan(8L << 20);

        CliRun r = retention("verify");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✗ golden_00000000_000000_bomb.tgz - tar headers of member 1 exceed 1 MiB")
                .containsPattern("✓ golden_\\d{8}_\\d{6}_shadow_simulation_20261127_010203_[0-9a-f]{8}\\.tgz - 3 files")
                .contains("Verified: 1, Failed: 1");
    }

    @Test
    void aGarbageChecksumFileIsNamedWithWhatIsWrong() throws Exception {
        retention("archive", "--days", "1");
        Path archive;
        try (Stream<Path> s = Files.list(archives)) {
            archive = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        Files.write(archive.resolveSibling(archive.getFileName() + ".sha256"), new byte[] {(byte) 0xc3, 0x28});

        CliRun r = retention("verify");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✗ " + archive.getFileName() + " - checksum file " + archive.getFileName()
                + ".sha256 is malformed: it does not start with a 64-digit hex SHA-256");
    }
}
