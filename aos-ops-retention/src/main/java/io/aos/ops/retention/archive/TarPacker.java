package io.aos.ops.retention.archive;

import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.scan.ExactName;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Files larger than this are copied from disk in 1 MiB chunks while they are packed, never held whole in the
     * heap (a 1 GiB trace archives in a 256 MB heap); smaller ones are read whole by the {@link FileReadAhead}
     * threads, the fast path for many small golden files.
     */
    static final long STREAM_ABOVE = 4L << 20;
    private static final int CHUNK = 1 << 20;

    /**
     * What was written. {@code left} names each file that was not packed and why (it could not be read, or it
     * travels with one that could not be read); a file that vanished since the scan is just not there.
     * {@code complete} is false when the archive holds a member it must not (a trace whose signature could not be
     * read after the trace was written, or a file that failed half-way): pack again without the files now left.
     * {@code tarSha256} and {@code tarBytes} are the SHA-256 (hex) and length of the uncompressed tar stream as
     * written, {@code manifestBytes} the manifest member's size (-1 without one): what the read-back after archive
     * compares the decompressed stream with.
     */
    public record Packed(List<PackedMember> members, String sha256, long bytes, Map<String, String> left,
                         boolean complete, String tarSha256, long tarBytes, long manifestBytes) {

        public Packed {
            members = List.copyOf(members);
            left = Map.copyOf(left);
        }
    }

    private TarPacker() {
    }

    /**
     * Packs {@code files} into {@code target} (created, must not exist), with a manifest when {@code withManifest}.
     * A file that vanished since the scan is left out; one that cannot be read is left out and named in
     * {@link Packed#left()}. The file is forced to disk before this returns.
     */
    public static Packed pack(Path target, ArchiveFormat format, List<ScannedGoldenFile> files, boolean withManifest)
            throws IOException {
        return pack(target, format, files, withManifest, STREAM_ABOVE);
    }

    /** As {@link #pack(Path, ArchiveFormat, List, boolean)}, streaming the files over {@code streamAbove} bytes. */
    static Packed pack(Path target, ArchiveFormat format, List<ScannedGoldenFile> files, boolean withManifest,
                       long streamAbove) throws IOException {
        // A file no reader would take back stays where it is, unarchived (the Archiver says which and why).
        List<ScannedGoldenFile> toPack = files.stream().filter(f -> whyNotPackable(f) == null).toList();
        MessageDigest whole = sha256();
        MessageDigest each = sha256();
        MessageDigest tarDigest = sha256();
        long manifestBytes = -1;
        long tarBytes;
        List<PackedMember> members = new ArrayList<>(files.size());
        Map<String, String> left = new LinkedHashMap<>();
        Set<String> packedNames = new HashSet<>();
        boolean complete = true;
        long newestSeconds = 0;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            DigestOutputStream hashed = new DigestOutputStream(
                    new BufferedOutputStream(CloseShieldOutputStream.wrap(Channels.newOutputStream(channel)), 1 << 20),
                    whole);
            OutputStream compressed = format.compress(hashed);
            try (OutputStream handoff = new BufferedOutputStream(new HandoffOutputStream(compressed), 1 << 18)) {
                // The digest of the tar stream as produced, before the hand-off and the compressor: the read-back
                // compares the decompressed stream with it (ReadBack).
                UstarWriter tar = new UstarWriter(new DigestOutputStream(handoff, tarDigest));
                byte[] chunk = null;
                long count = 0;
                try (FileReadAhead ahead = new FileReadAhead(toPack, streamAbove)) {
                    FileReadAhead.Loaded loaded;
                    while ((loaded = ahead.next()) != null) {
                        ScannedGoldenFile file = loaded.file();
                        String partner = GoldenFileKind.partnerOf(file.relative());
                        if (partner != null && left.containsKey(partner)) {
                            left.put(file.relative(), "travels with " + partner + ", which is left");
                            continue;
                        }
                        long seconds = file.modified().toInstant().getEpochSecond();
                        PackedMember member;
                        if (loaded.streamed()) {
                            if (chunk == null) {
                                chunk = new byte[CHUNK];
                            }
                            Streamed result = stream(tar, ahead, file, seconds, each, chunk);
                            if (result.problem() != null) {
                                left.put(file.relative(), result.problem());
                                complete &= !result.written();
                            }
                            member = result.member();
                        } else if (loaded.data() != null) {
                            byte[] data = loaded.data();
                            tar.putFile(file.relative(), data, seconds, FILE_MODE);
                            member = new PackedMember(file.relative(), data.length, file.modified(),
                                    each.digest(data));
                        } else {
                            if (!loaded.vanished()) {
                                left.put(file.relative(), "cannot be read: " + IoReason.of(loaded.failure()));
                            }
                            member = null;
                        }
                        if (member == null) {
                            if (left.containsKey(file.relative()) && partner != null
                                    && packedNames.contains(partner)) {
                                complete = false; // its partner is already in the stream
                            }
                            continue;
                        }
                        newestSeconds = Math.max(newestSeconds, seconds);
                        members.add(member);
                        packedNames.add(member.name());
                        CrashPoint.reached("packed", ++count);
                    }
                }
                if (withManifest) {
                    byte[] manifest = Manifest.render(members.stream().map(PackedMember::toEntry).toList());
                    tar.putFile(Manifest.MEMBER, manifest, newestSeconds, FILE_MODE);
                    manifestBytes = manifest.length;
                }
                tar.finish();
                tarBytes = tar.written();
            }
            channel.force(true);
            return new Packed(members, HexFormat.of().formatHex(whole.digest()), channel.size(), left, complete,
                    HexFormat.of().formatHex(tarDigest.digest()), tarBytes, manifestBytes);
        }
    }

    /** A streamed file: the member written, or the problem and whether bytes of it were written anyway. */
    private record Streamed(PackedMember member, String problem, boolean written) {
    }

    /**
     * Copies a large file into the tar stream in chunks, with the size it has when opened (a file that grew since
     * the scan is taken as it is then, like the files read whole). A file that cannot be opened is left out; one
     * that shrinks or fails half-way is padded with zeros to keep the stream whole, and reported, so the caller
     * packs again without it.
     */
    private static Streamed stream(UstarWriter tar, FileReadAhead where, ScannedGoldenFile file, long seconds,
            MessageDigest each, byte[] chunk) throws IOException {
        SeekableByteChannel channel; // a regular file only, no link followed (NoFollowTree)
        try {
            channel = where.open(file);
        } catch (NoSuchFileException e) {
            return new Streamed(null, null, false); // vanished since the scan
        } catch (IOException e) {
            return new Streamed(null, "cannot be read: " + IoReason.of(e), false);
        }
        try (channel) {
            InputStream in = Channels.newInputStream(channel);
            long size;
            try {
                size = channel.size();
            } catch (IOException e) {
                return new Streamed(null, "cannot be read: " + IoReason.of(e), false);
            }
            if (size > ArchiveReader.MAX_MEMBER_BYTES) {
                return new Streamed(null, "grew to " + size + " bytes, over the "
                        + (ArchiveReader.MAX_MEMBER_BYTES >> 20) + " MiB an archive member may hold", false);
            }
            tar.putHeader(file.relative(), size, seconds, FILE_MODE);
            long copied = 0;
            String problem = null;
            each.reset();
            while (copied < size) {
                int n;
                try {
                    n = in.read(chunk, 0, (int) Math.min(chunk.length, size - copied));
                } catch (IOException e) {
                    problem = "cannot be read: " + IoReason.of(e);
                    break;
                }
                if (n < 0) {
                    problem = "shrank from " + size + " to " + copied + " bytes while being archived";
                    break;
                }
                each.update(chunk, 0, n);
                tar.putData(chunk, 0, n);
                copied += n;
            }
            if (problem != null) {
                tar.putZeros(size - copied);
                tar.endMember(size);
                each.reset();
                return new Streamed(null, problem, true);
            }
            tar.endMember(size);
            return new Streamed(new PackedMember(file.relative(), size, file.modified(), each.digest()), null, false);
        }
    }

    /**
     * Why {@code file} cannot go into an archive, or null: a name that may stand for another file too
     * ({@link ExactName}: its bytes would be read, and the original deleted, by a name that is not its own), a name
     * that restore would refuse, or more bytes than a member may hold ({@link ArchiveReader#MAX_MEMBER_BYTES}, which
     * the read-back would refuse, so that one such file would block the whole directory's archive at every run).
     */
    public static String whyNotPackable(ScannedGoldenFile file) {
        String problem = ExactName.problemWith(file.relative());
        if (problem == null) {
            problem = MemberName.problemWith(file.relative());
        }
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
