package io.aos.ops.retention;

import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Test fixture: archives an attacker (or a bug) could build, written with Commons Compress's own tar writer and a
 * manifest that lists the members honestly, so only the property under test is wrong. Compressed streams can be
 * joined from pieces (gzip members, zstd frames), which builds a small file that expands to gigabytes in
 * milliseconds: the same compressed chunk repeated.
 */
public final class CraftedArchive {

    /** One member: a regular file unless {@code type} says otherwise. */
    public record Member(String name, byte type, String link, byte[] body) {
        public static Member file(String name, String body) {
            return new Member(name, TarConstants.LF_NORMAL, null, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final long MTIME_SECONDS = 1_700_000_000L;

    private CraftedArchive() {
    }

    /** The tar bytes of {@code members} followed by a manifest listing them, and the end-of-archive blocks. */
    public static byte[] tar(List<Member> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Manifest.Entry> manifest = new ArrayList<>();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Member m : members) {
                TarArchiveEntry e = new TarArchiveEntry(m.name(), m.type(), true);
                byte[] body = m.body() == null ? new byte[0] : m.body();
                if (m.link() != null) {
                    e.setLinkName(m.link());
                } else {
                    e.setSize(body.length);
                }
                e.setModTime(MTIME_SECONDS * 1000);
                tar.putArchiveEntry(e);
                if (m.link() == null && e.isFile()) {
                    tar.write(body);
                }
                tar.closeArchiveEntry();
                manifest.add(new Manifest.Entry(m.name(), body.length, MTIME_SECONDS,
                        Manifest.prefixOf(sha256().digest(body))));
            }
            byte[] mf = Manifest.render(manifest);
            TarArchiveEntry e = new TarArchiveEntry(Manifest.MEMBER);
            e.setSize(mf.length);
            e.setModTime(MTIME_SECONDS * 1000);
            tar.putArchiveEntry(e);
            tar.write(mf);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** {@code data} compressed as one gzip member or one zstd frame. */
    public static byte[] compressed(ArchiveFormat format, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = format.compress(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code archive} from compressed pieces, one after the other, and its {@code .sha256} file. */
    public static Path write(Path archive, byte[]... compressedPieces) throws IOException {
        Files.createDirectories(archive.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(archive)) {
            for (byte[] piece : compressedPieces) {
                out.write(piece);
            }
        }
        return checksummed(archive);
    }

    /** Writes {@code archive} as {@code head}, then {@code chunk} {@code times} times, then {@code tail}. */
    public static Path write(Path archive, byte[] head, byte[] chunk, int times, byte[] tail) throws IOException {
        Files.createDirectories(archive.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(archive)) {
            out.write(head);
            for (int i = 0; i < times; i++) {
                out.write(chunk);
            }
            out.write(tail);
        }
        return checksummed(archive);
    }

    /** Gives {@code archive} a {@code .sha256} file that matches it. */
    public static Path checksummed(Path archive) throws IOException {
        MessageDigest sha = sha256();
        try (var in = Files.newInputStream(archive)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"),
                HexFormat.of().formatHex(sha.digest()) + "  " + archive.getFileName() + "\n");
        return archive;
    }

    /** A raw 512-byte tar header block for {@code name} of {@code type} claiming {@code size} bytes. */
    public static byte[] header(String name, byte type, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setSize(size);
        e.setModTime(MTIME_SECONDS * 1000);
        byte[] block = new byte[512];
        e.writeEntryHeader(block);
        return block;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
