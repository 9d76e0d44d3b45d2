package io.aos.ops.retention.archive;

import io.aos.ops.core.io.IoReason;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * The read-back after archive, before any original is deleted: the fsynced partial archive is read in full and
 * must be, byte for byte, what this process wrote, with every member's content the bytes read from its source.
 *
 * <p>{@link #check} (the one archive uses) knows exactly what was written ({@link TarPacker.Packed}): the
 * SHA-256 of the file, and of the uncompressed tar stream with its length. It decompresses the file with the same
 * decompressor {@code verify} uses (so the gzip CRC-32 and ISIZE, or the zstd frame checksum, are checked), and
 * walks the tar stream expecting, for each member in order, the very header bytes {@link UstarWriter} writes for
 * it, then content whose SHA-256 is the one taken from the source bytes, then zero padding; the manifest and the
 * end blocks follow. Any other byte, a missing or extra one, is refused. Since the stream must equal the one
 * written, and the written one is what {@link ArchiveReader} accepts, the general parser (entry objects, PAX and
 * GNU dialects, the manifest parsed and matched by name) is not needed here: it stays for {@code verify} and
 * {@code restore}, which read archives this process did not write. The limits {@link ArchiveReader} sets on any
 * archive (members, manifest size) are checked here too, so an archive that {@code verify} would refuse is never
 * accepted, nor one whose manifest lists a name twice or an unsafe name ({@link ArchiveReader#checkListedName}). For
 * 100,000 golden files this takes a third of the strict reader's time
 * ({@link #strict}, kept as the oracle of {@code ReadBackOracleTest}).
 */
final class ReadBack {

    private static final int CHUNK = 1 << 16;

    private ReadBack() {
    }

    /** Checks {@code file} against what {@code packed} says was written; any difference is an {@link ArchiveDamage}. */
    static void check(Path file, ArchiveFormat format, TarPacker.Packed packed) throws IOException {
        List<PackedMember> written = packed.members();
        if (written.size() > ArchiveReader.MAX_MEMBERS) {
            throw new ArchiveDamage("more than " + ArchiveReader.MAX_MEMBERS + " members; refused");
        }
        if (packed.manifestBytes() < 0) {
            throw new ArchiveDamage(written.isEmpty() ? "no members and no manifest" : "missing manifest member");
        }
        if (packed.manifestBytes() > ArchiveReader.MAX_MANIFEST_BYTES) {
            throw new ArchiveDamage("the manifest has " + packed.manifestBytes() + " bytes, more than the "
                    + (ArchiveReader.MAX_MANIFEST_BYTES >> 20) + " MiB any manifest needs");
        }
        // The manifest lists the members written: its names must pass verify's rule (the header comparison below
        // would accept the same name twice, each header being the one written for it).
        Set<String> names = new HashSet<>(written.size() * 2);
        for (PackedMember m : written) {
            ArchiveReader.checkListedName(m.name(), !names.add(m.name()));
        }
        MessageDigest whole = TarPacker.sha256();
        MessageDigest tar = TarPacker.sha256();
        MessageDigest each = TarPacker.sha256();
        long tarBytes = 0;
        // As in ArchiveReader: the file digest sits below the buffer (gzip's reader marks and resets it).
        try (InputStream raw = Files.newInputStream(file);
             InputStream hashed = new BufferedInputStream(new DigestInputStream(raw, whole), CHUNK)) {
            try {
                // Shielded: zstd-jni's ZstdInputStream closes its source when the collector finalizes it, which
                // can happen as soon as this block is done with it, before the tail is drained from `hashed` below.
                InputStream in = new BufferedInputStream(new DigestInputStream(
                        format.decompress(CloseShieldInputStream.wrap(hashed)), tar), CHUNK);
                byte[] buffer = new byte[CHUNK];
                Headers headers = new Headers();
                for (PackedMember m : written) {
                    int headerLength = headers.of(m);
                    readFully(in, buffer, headerLength);
                    if (!Arrays.equals(buffer, 0, headerLength, headers.bytes(), 0, headerLength)) {
                        throw new ArchiveDamage("read-back header of member '" + m.name()
                                + "' differs from the one written");
                    }
                    each.reset();
                    for (long left = m.size(); left > 0; ) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new ArchiveDamage("truncated: member '" + m.name() + "' has "
                                    + (m.size() - left) + " of " + m.size() + " bytes");
                        }
                        each.update(buffer, 0, n);
                        left -= n;
                    }
                    if (!Arrays.equals(each.digest(), m.sha256())) {
                        throw new ArchiveDamage("read-back member '" + m.name() + "' differs from source '"
                                + m.name() + "'");
                    }
                    int pad = (int) ((UstarWriter.BLOCK - m.size() % UstarWriter.BLOCK) % UstarWriter.BLOCK);
                    readFully(in, buffer, pad);
                    for (int i = 0; i < pad; i++) {
                        if (buffer[i] != 0) {
                            throw new ArchiveDamage("read-back padding of member '" + m.name() + "' is not zeros");
                        }
                    }
                    tarBytes += headerLength + m.size() + pad;
                }
                // The manifest, the end-of-archive blocks and the record padding: in the stream's digest, checked
                // below with its length. Reading to the end checks the gzip CRC/ISIZE or the zstd frame checksum.
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    tarBytes += n;
                    if (tarBytes > packed.tarBytes()) {
                        throw new ArchiveDamage("read back more bytes of tar stream than were written");
                    }
                }
            } catch (ArchiveDamage e) {
                throw e;
            } catch (EOFException e) {
                throw new ArchiveDamage("truncated: the archive ends early");
            } catch (IOException | RuntimeException e) {
                throw new ArchiveDamage("unreadable: " + (e instanceof IOException io ? IoReason.describe(io)
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
            byte[] rest = new byte[CHUNK];
            while (hashed.read(rest) >= 0) {
                // drain the tail (raw file bytes) into the whole-file digest
            }
        }
        if (tarBytes != packed.tarBytes() || !HexFormat.of().formatHex(tar.digest()).equals(packed.tarSha256())) {
            throw new ArchiveDamage("read-back tar stream differs from the one written (" + tarBytes + " of "
                    + packed.tarBytes() + " bytes)");
        }
        if (!HexFormat.of().formatHex(whole.digest()).equals(packed.sha256())) {
            throw new ArchiveDamage("read-back checksum differs from the one written");
        }
    }

    /**
     * The general check: {@link ArchiveReader#read} (every tar dialect, the manifest parsed and matched), then every
     * member compared with what was read from the sources. What archive did before {@link #check}; its oracle.
     */
    static void strict(Path file, ArchiveFormat format, TarPacker.Packed packed) throws IOException {
        ArchiveReader.Contents contents = ArchiveReader.read(file, format, null);
        if (!contents.sha256().equals(packed.sha256())) {
            throw new ArchiveDamage("read-back checksum differs from the one written");
        }
        List<ArchiveReader.Member> read = contents.members();
        List<PackedMember> written = packed.members();
        if (read.size() != written.size()) {
            throw new ArchiveDamage("read back " + read.size() + " members, wrote " + written.size());
        }
        for (int i = 0; i < read.size(); i++) {
            ArchiveReader.Member r = read.get(i);
            PackedMember w = written.get(i);
            if (!r.name().equals(w.name()) || r.size() != w.size() || !Arrays.equals(r.sha256(), w.sha256())) {
                throw new ArchiveDamage("read-back member '" + r.name() + "' differs from source '" + w.name() + "'");
            }
        }
    }

    private static void readFully(InputStream in, byte[] buffer, int length) throws IOException {
        if (in.readNBytes(buffer, 0, length) != length) {
            throw new ArchiveDamage("truncated: the archive ends early");
        }
    }

    /** The header bytes {@link UstarWriter} writes for a member (a PAX header first when it needs one). */
    private static final class Headers extends ByteArrayOutputStream {
        private final UstarWriter writer = new UstarWriter(this);

        Headers() {
            super(2 * UstarWriter.BLOCK);
        }

        int of(PackedMember m) throws IOException {
            reset();
            writer.putHeader(m.name(), m.size(), m.modified().toInstant().getEpochSecond(), TarPacker.FILE_MODE);
            return count;
        }

        byte[] bytes() {
            return buf;
        }
    }
}
