package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corrupted-archive corpus: every kind of damage is found, whatever the format. */
class CorruptedArchiveTest {

    @TempDir
    Path tmp;
    GoldenTree tree;

    @BeforeEach
    void files() throws Exception {
        tree = new GoldenTree(tmp);
        for (int i = 0; i < 20; i++) {
            tree.file("primary-w0-" + i + ".golden.json", Duration.ofDays(2));
        }
    }

    private Path goodArchive(ArchiveFormat format) throws Exception {
        Path archive = tmp.resolve("golden_test" + format.extension());
        TarPacker.Packed packed = TarPacker.pack(archive, format,
                GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1)), true);
        ChecksumFile.write(archive, packed.sha256());
        return archive;
    }

    /** Rewrites the archive's tar stream through {@code edit} and gives it a matching .sha256 file. */
    private Path rewritten(ArchiveFormat format, TarEdit edit) throws Exception {
        Path source = goodArchive(format);
        Path target = tmp.resolve("edited" + format.extension());
        try (InputStream in = format.decompress(Files.newInputStream(source));
             TarArchiveInputStream tarIn = new TarArchiveInputStream(in);
             OutputStream out = format.compress(Files.newOutputStream(target));
             TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e;
            while ((e = tarIn.getNextEntry()) != null) {
                byte[] data = tarIn.readAllBytes();
                data = edit.apply(e.getName(), data);
                if (data == null) {
                    continue;
                }
                e.setSize(data.length);
                tarOut.putArchiveEntry(e);
                tarOut.write(data);
                tarOut.closeArchiveEntry();
            }
        }
        ChecksumFile.write(target, ArchiverTest.sha(target));
        return target;
    }

    interface TarEdit {
        byte[] apply(String name, byte[] data);
    }

    /**
     * The same archive recompressed as gzip members of 1 KiB input each (as {@code pigz --independent} or archives
     * joined with {@code cat} look): read to its last member, it verifies with all 20 files.
     */
    @Test
    void aGzipOfManyMembersIsReadToItsLastMember() throws Exception {
        Path source = goodArchive(ArchiveFormat.GZIP);
        byte[] tar;
        try (InputStream in = ArchiveFormat.GZIP.decompress(Files.newInputStream(source))) {
            tar = in.readAllBytes();
        }
        Path members = tmp.resolve("members.tgz");
        try (OutputStream out = Files.newOutputStream(members)) {
            for (int at = 0; at < tar.length; at += 1024) {
                java.io.ByteArrayOutputStream one = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(one)) {
                    gz.write(tar, at, Math.min(1024, tar.length - at));
                }
                one.writeTo(out);
            }
        }
        ChecksumFile.write(members, ArchiverTest.sha(members));

        ArchiveVerifier.Result r = ArchiveVerifier.verify(members);

        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(r.files()).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void anIntactArchiveVerifies(ArchiveFormat format) throws Exception {
        ArchiveVerifier.Result r = ArchiveVerifier.verify(goodArchive(format));
        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(r.files()).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void aFlippedByteAnywhereIsFound(ArchiveFormat format) throws Exception {
        Path archive = goodArchive(format);
        byte[] bytes = Files.readAllBytes(archive);
        for (int at : new int[] {0, 11, bytes.length / 3, bytes.length / 2, bytes.length - 5}) {
            byte[] copy = bytes.clone();
            copy[at] ^= 0x20;
            Path damaged = tmp.resolve("flip" + at + format.extension());
            Files.write(damaged, copy);
            Files.copy(ChecksumFile.of(archive), ChecksumFile.of(damaged));
            assertThat(ArchiveVerifier.verify(damaged).ok()).as("flip at " + at).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void aFlippedByteWithARecomputedChecksumFileIsStillFoundInsideTheArchive(ArchiveFormat format) throws Exception {
        Path archive = rewritten(format, (name, data) -> {
            if (name.equals("primary-w0-7.golden.json")) {
                data[20] ^= 1;
            }
            return data;
        });
        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("checksum mismatch in member 'primary-w0-7.golden.json'");
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void aTruncatedArchiveIsFound(ArchiveFormat format) throws Exception {
        Path archive = goodArchive(format);
        byte[] bytes = Files.readAllBytes(archive);
        for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 10}) {
            Path cut = tmp.resolve("cut" + keep + format.extension());
            Files.write(cut, java.util.Arrays.copyOf(bytes, keep));
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            ChecksumFile.write(cut, java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(cut))));
            ArchiveVerifier.Result r = ArchiveVerifier.verify(cut);
            assertThat(r.ok()).as("kept " + keep).isFalse();
            assertThat(r.reason()).as("kept " + keep).containsAnyOf("truncated", "unreadable", "missing");
        }
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void aMissingMemberIsFound(ArchiveFormat format) throws Exception {
        Path archive = rewritten(format, (name, data) -> name.equals("primary-w0-3.golden.json") ? null : data);
        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("missing member 'primary-w0-3.golden.json' (listed in the manifest)");
    }

    @Test
    void aMissingManifestIsFound() throws Exception {
        Path archive = rewritten(ArchiveFormat.GZIP, (name, data) -> name.equals(Manifest.MEMBER) ? null : data);
        assertThat(ArchiveVerifier.verify(archive).reason()).isEqualTo("missing manifest member");
    }

    @Test
    void aMalformedManifestIsFound() throws Exception {
        Path archive = rewritten(ArchiveFormat.GZIP, (name, data) -> name.equals(Manifest.MEMBER)
                ? (new String(data, StandardCharsets.UTF_8) + "not a manifest line\n").getBytes(StandardCharsets.UTF_8)
                : data);
        assertThat(ArchiveVerifier.verify(archive).reason()).isEqualTo("manifest has 81 value lines, expected 4 x 20");
    }

    @Test
    void aManifestWithAWrongChecksumIsFound() throws Exception {
        Path archive = rewritten(ArchiveFormat.GZIP, (name, data) -> {
            if (!name.equals(Manifest.MEMBER)) {
                return data;
            }
            String text = new String(data, StandardCharsets.UTF_8);
            int line = text.lastIndexOf('\n', text.length() - 2) + 1; // the last checksum
            char c = text.charAt(line);
            return (text.substring(0, line) + (c == 'A' ? 'B' : 'A') + text.substring(line + 1))
                    .getBytes(StandardCharsets.UTF_8);
        });
        assertThat(ArchiveVerifier.verify(archive).reason()).startsWith("checksum mismatch in member");
    }

    @Test
    void aMissingChecksumFileIsFound() throws Exception {
        Path archive = goodArchive(ArchiveFormat.GZIP);
        Files.delete(ChecksumFile.of(archive));
        assertThat(ArchiveVerifier.verify(archive).reason()).contains(".sha256 is missing");
    }

    @Test
    void anExtraMemberNotInTheManifestIsFound() throws Exception {
        Path archive = goodArchive(ArchiveFormat.GZIP);
        // Smuggle one more member in just before the manifest.
        Path extra = tmp.resolve("extra.tgz");
        try (InputStream in = ArchiveFormat.GZIP.decompress(Files.newInputStream(archive));
             TarArchiveInputStream tarIn = new TarArchiveInputStream(in);
             OutputStream out = ArchiveFormat.GZIP.compress(Files.newOutputStream(extra));
             TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e;
            while ((e = tarIn.getNextEntry()) != null) {
                byte[] data = tarIn.readAllBytes();
                if (e.getName().equals(Manifest.MEMBER)) {
                    TarArchiveEntry smuggled = new TarArchiveEntry("smuggled.json");
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    smuggled.setSize(body.length);
                    tarOut.putArchiveEntry(smuggled);
                    tarOut.write(body);
                    tarOut.closeArchiveEntry();
                }
                tarOut.putArchiveEntry(e);
                tarOut.write(data);
                tarOut.closeArchiveEntry();
            }
        }
        ChecksumFile.write(extra, ArchiverTest.sha(extra));
        assertThat(ArchiveVerifier.verify(extra).reason()).isEqualTo("member 'smuggled.json' is not in the manifest");
    }
}
