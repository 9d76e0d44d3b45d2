package io.aos.ops.retention.archive;

import io.aos.ops.retention.scan.GoldenFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Writes a reproducible, compressed tar of golden files plus the manifest member, and forces it to disk.
 *
 * <p>Reproducible: entries in the caller's order, ustar headers ({@link UstarWriter}) with name, size, whole-second
 * mtime from the file, mode 0640, uid/gid 0 and empty owner names; no atime/ctime and no PAX records unless a name
 * is over 100 bytes or not ASCII; gzip header mtime 0. Archiving the same files twice gives the same bytes.
 */
public final class TarPacker {

    static final int FILE_MODE = 0100640;

    /** What was written. */
    public record Packed(List<PackedMember> members, String sha256, long bytes) {
    }

    private TarPacker() {
    }

    /**
     * Packs {@code files} into {@code target} (created, must not exist), with a manifest when {@code withManifest}.
     * A file that vanished since the scan is left out. The file is forced to disk before this returns.
     */
    public static Packed pack(Path target, ArchiveFormat format, List<GoldenFile> files, boolean withManifest)
            throws IOException {
        // A file no reader would take back stays where it is, unarchived (the Archiver says which and why).
        List<GoldenFile> toPack = files.stream().filter(f -> whyNotPackable(f) == null).toList();
        MessageDigest whole = sha256();
        MessageDigest each = sha256();
        List<PackedMember> members = new ArrayList<>(files.size());
        long newestSeconds = 0;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            DigestOutputStream hashed = new DigestOutputStream(
                    new BufferedOutputStream(CloseShieldOutputStream.wrap(Channels.newOutputStream(channel)), 1 << 20),
                    whole);
            OutputStream compressed = format.compress(hashed);
            try (OutputStream handoff = new BufferedOutputStream(new HandoffOutputStream(compressed), 1 << 18)) {
                UstarWriter tar = new UstarWriter(handoff);
                long count = 0;
                try (FileReadAhead ahead = new FileReadAhead(toPack)) {
                    FileReadAhead.Loaded loaded;
                    while ((loaded = ahead.next()) != null) {
                        byte[] data = loaded.data();
                        if (data == null) {
                            continue; // vanished since the scan
                        }
                        GoldenFile file = loaded.file();
                        long seconds = file.modified().toInstant().getEpochSecond();
                        newestSeconds = Math.max(newestSeconds, seconds);
                        tar.putFile(file.relative(), data, seconds, FILE_MODE);
                        byte[] digest = each.digest(data);
                        members.add(new PackedMember(file.relative(), data.length, file.modified(), digest));
                        CrashPoint.reached("packed", ++count);
                    }
                }
                if (withManifest) {
                    tar.putFile(Manifest.MEMBER,
                            Manifest.render(members.stream().map(PackedMember::toEntry).toList()), newestSeconds,
                            FILE_MODE);
                }
                tar.finish();
            }
            channel.force(true);
            return new Packed(List.copyOf(members), HexFormat.of().formatHex(whole.digest()), channel.size());
        }
    }

    /**
     * Why {@code file} cannot go into an archive, or null: a name that restore would refuse, or more bytes than a
     * member may hold ({@link ArchiveReader#MAX_MEMBER_BYTES}, which the read-back would refuse, so that one such
     * file would block the whole directory's archive at every run).
     */
    public static String whyNotPackable(GoldenFile file) {
        String problem = MemberName.problemWith(file.relative());
        if (problem != null) {
            return problem;
        }
        if (file.size() > ArchiveReader.MAX_MEMBER_BYTES) {
            return file.size() + " bytes, over the " + (ArchiveReader.MAX_MEMBER_BYTES >> 20)
                    + " MiB an archive member may hold";
        }
        return null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
