package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.archive.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member larger than the heap is verified and restored by the jar in a 256 MiB heap: members are streamed, never
 * held whole. The archive (320 MiB of zeros in one member) is about 320 KB: gzip members of the same compressed
 * MiB, joined.
 */
class RetentionLargeMemberIT {

    private static final int MIB = 1 << 20;
    private static final int MEMBER_MIB = 320;
    private static final long MTIME = 1_700_000_000L;

    @TempDir
    Path tmp;

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] header(String name, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(size);
        e.setModTime(MTIME * 1000);
        byte[] block = new byte[512];
        e.writeEntryHeader(block);
        return block;
    }

    private Path bigArchive(Path archive) throws Exception {
        long size = (long) MEMBER_MIB * MIB;
        MessageDigest member = MessageDigest.getInstance("SHA-256");
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < MEMBER_MIB; i++) {
            member.update(zeros);
        }
        byte[] manifest = Manifest.render(List.of(new Manifest.Entry("big.steps.jsonl", size, MTIME,
                Manifest.prefixOf(member.digest()))));
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        tail.writeBytes(header(Manifest.MEMBER, manifest.length));
        tail.writeBytes(manifest);
        tail.writeBytes(new byte[(512 - manifest.length % 512) % 512 + 1024]);
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive)) {
            out.write(gzip(header("big.steps.jsonl", size)));
            byte[] chunk = gzip(zeros);
            for (int i = 0; i < MEMBER_MIB; i++) {
                out.write(chunk);
            }
            out.write(gzip(tail.toByteArray()));
        }
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"),
                HexFormat.of().formatHex(whole.digest(Files.readAllBytes(archive))) + "  " + archive.getFileName()
                        + "\n");
        return archive;
    }

    private CliRun jar(String... args) throws Exception {
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }

    @Test
    @Timeout(600)
    void aMemberLargerThanTheHeapIsVerifiedAndRestoredInA256MebibyteHeap() throws Exception {
        Path archives = tmp.resolve("archives");
        Path archive = bigArchive(archives.resolve("golden_20261127_010203_big.tgz"));
        assertThat(Files.size(archive)).isLessThan(4L * MIB);

        CliRun verified = jar("retention", "verify", "--archive-dir", archives.toString());
        assertThat(verified.code()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("✓ golden_20261127_010203_big.tgz - 1 files", "Verified: 1, Failed: 0");

        Path dest = tmp.resolve("dest");
        CliRun restored = jar("retention", "restore", "--archive-dir", archives.toString(), archive.toString(),
                dest.toString());
        assertThat(restored.code()).as(restored.out()).isZero();
        assertThat(restored.out()).contains("Restored 1 files to " + dest.toRealPath());
        Path big = dest.resolve("big.steps.jsonl");
        assertThat(Files.size(big)).isEqualTo((long) MEMBER_MIB * MIB);
        assertThat(Files.getLastModifiedTime(big).toMillis()).isEqualTo(MTIME * 1000);
        Files.delete(big);
    }

    @Test
    @Timeout(600)
    void ctrlCDuringARestoreLeavesDestAsItWasWithNoTemporaryFile() throws Exception {
        Path archives = tmp.resolve("archives");
        Path archive = bigArchive(archives.resolve("golden_20261127_010203_big.tgz"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.writeString(dest.resolve("already-here.json"), "{}");
        String jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar")).toAbsolutePath().toString();
        Path out = tmp.resolve("restore.out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar, "retention", "restore", archive.toString(), dest.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString()); // its lock, never /var/lib/aos
        Process restore = pb.start();
        restore.getOutputStream().close();
        try {
            // the member is being written to its temporary file (bounded by the test's timeout)
            while (restore.isAlive() && temporaryFiles(dest).isEmpty()) {
                Thread.sleep(5);
            }
            boolean caughtWriting = restore.isAlive();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(restore.pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(restore.waitFor(120, TimeUnit.SECONDS)).isTrue();

            String said = Files.readString(out);
            assertThat(temporaryFiles(dest)).as(said).isEmpty();
            assertThat(tmp.resolve("state/retention/locks")).as("the restore's lock").isDirectory();
            if (caughtWriting && restore.exitValue() != 0) {
                assertThat(restore.exitValue()).as(said).isEqualTo(130);
                try (var names = Files.list(dest)) {
                    assertThat(names.map(p -> p.getFileName().toString())).as(said).containsExactly("already-here.json");
                }
            } else {
                // it had finished before the signal: all of it, then
                assertThat(dest.resolve("big.steps.jsonl")).as(said).hasSize((long) MEMBER_MIB * MIB);
            }
        } finally {
            restore.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<Path> temporaryFiles(Path dir) throws Exception {
        try (var names = Files.list(dir)) {
            return names.filter(p -> p.getFileName().toString().startsWith(".aos-restore-")).toList();
        }
    }
}
