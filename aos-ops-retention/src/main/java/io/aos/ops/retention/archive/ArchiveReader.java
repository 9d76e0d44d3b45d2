package io.aos.ops.retention.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.IOUtils;

/**
 * Reads a whole archive and checks everything it can without the sources: the compression layer's own checksum,
 * the tar structure, that every member is a regular file with a safe name, that the manifest is there (last) and
 * lists exactly the members with their sizes, mtimes and checksums. Any failure is an {@link ArchiveDamage}.
 */
public final class ArchiveReader {

    /** Members larger than this are refused instead of read into memory (crafted headers, CVE-2021-35517). */
    static final long MAX_MEMBER_BYTES = 1L << 30;

    /** Receives each member's bytes after its checks pass against nothing yet (the manifest comes last). */
    @FunctionalInterface
    public interface MemberSink {
        void accept(String name, byte[] data, byte[] sha256) throws IOException;
    }

    /** A member as read: its name, size, whole-second mtime from the header and full SHA-256. */
    public record Member(String name, long size, long mtimeSeconds, byte[] sha256) {
    }

    /** What a fully read, internally consistent archive holds. */
    public record Contents(List<Member> members, List<Manifest.Entry> manifest, String sha256) {
    }

    private ArchiveReader() {
    }

    public static Contents read(Path file, ArchiveFormat format, MemberSink sink) throws IOException {
        MessageDigest whole = TarPacker.sha256();
        MessageDigest each = TarPacker.sha256();
        List<Member> members = new ArrayList<>();
        byte[] manifestBytes = null;
        // The digest sits below the buffer: gzip's member reader marks and resets the stream it reads, and a
        // reset above a DigestInputStream would hash the same bytes twice.
        try (InputStream raw = Files.newInputStream(file);
             InputStream hashed = new BufferedInputStream(new DigestInputStream(raw, whole), 1 << 16)) {
            try {
                InputStream decompressed = format.decompress(hashed);
                TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(decompressed, 1 << 16));
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (manifestBytes != null) {
                        throw new ArchiveDamage("member '" + name + "' after the manifest");
                    }
                    String problem = MemberName.problemWith(name);
                    if (problem != null) {
                        throw new ArchiveDamage(problem);
                    }
                    if (entry.isSymbolicLink() || entry.isLink()) {
                        throw new ArchiveDamage("member '" + name + "' is a " + (entry.isLink() ? "hard" : "symbolic")
                                + " link to '" + entry.getLinkName() + "'; links are never restored");
                    }
                    byte flag = entry.getLinkFlag();
                    if (flag != TarConstants.LF_NORMAL && flag != TarConstants.LF_OLDNORM || entry.isDirectory()) {
                        throw new ArchiveDamage("member '" + name + "' is not a regular file");
                    }
                    if (entry.getSize() < 0 || entry.getSize() > MAX_MEMBER_BYTES) {
                        throw new ArchiveDamage("member '" + name + "' has an implausible size " + entry.getSize());
                    }
                    if (sink == null && !name.equals(Manifest.MEMBER)) {
                        // Nobody wants the bytes (verify, the archiver's read-back): hash them in chunks, so a
                        // 1 GiB member needs no 1 GiB array.
                        members.add(new Member(name, entry.getSize(), entry.getLastModifiedTime().toInstant()
                                .getEpochSecond(), digestOf(tar, name, entry.getSize(), each)));
                        continue;
                    }
                    byte[] data = new byte[(int) entry.getSize()];
                    int got = IOUtils.read(tar, data);
                    if (got != data.length) {
                        throw new ArchiveDamage("truncated: member '" + name + "' has " + got + " of "
                                + entry.getSize() + " bytes");
                    }
                    if (name.equals(Manifest.MEMBER)) {
                        manifestBytes = data;
                        continue;
                    }
                    byte[] digest = each.digest(data);
                    members.add(new Member(name, data.length, entry.getLastModifiedTime().toInstant()
                            .getEpochSecond(), digest));
                    if (sink != null) {
                        sink.accept(name, data, digest);
                    }
                }
                // Read to the very end so the gzip CRC/ISIZE or zstd frame checksum is checked.
                byte[] skip = new byte[1 << 16];
                while (decompressed.read(skip) >= 0) {
                    // drain
                }
            } catch (EOFException e) {
                throw new ArchiveDamage("truncated: the archive ends early");
            } catch (ArchiveDamage e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw new ArchiveDamage("unreadable: " + describe(e));
            }
            byte[] rest = new byte[1 << 16];
            while (hashed.read(rest) >= 0) {
                // drain the tail into the whole-file digest
            }
        }
        if (manifestBytes == null) {
            throw new ArchiveDamage(members.isEmpty() ? "no members and no manifest" : "missing manifest member");
        }
        List<Manifest.Entry> manifest = Manifest.parse(manifestBytes);
        checkAgainstManifest(members, manifest);
        return new Contents(List.copyOf(members), manifest, HexFormat.of().formatHex(whole.digest()));
    }

    private static byte[] digestOf(InputStream member, String name, long size, MessageDigest digest)
            throws IOException {
        byte[] chunk = new byte[(int) Math.min(size, 1 << 20)];
        long got = 0;
        while (got < size) {
            int n = member.read(chunk, 0, (int) Math.min(chunk.length, size - got));
            if (n < 0) {
                throw new ArchiveDamage("truncated: member '" + name + "' has " + got + " of " + size + " bytes");
            }
            digest.update(chunk, 0, n);
            got += n;
        }
        return digest.digest();
    }

    private static void checkAgainstManifest(List<Member> members, List<Manifest.Entry> manifest) {
        Map<String, Manifest.Entry> listed = new HashMap<>(manifest.size() * 2);
        for (Manifest.Entry e : manifest) {
            String problem = MemberName.problemWith(e.path());
            if (problem != null) {
                throw new ArchiveDamage("manifest: " + problem);
            }
            if (listed.put(e.path(), e) != null) {
                throw new ArchiveDamage("manifest lists '" + e.path() + "' twice");
            }
        }
        Map<String, Boolean> seen = new HashMap<>(members.size() * 2);
        for (Member m : members) {
            if (seen.put(m.name(), Boolean.TRUE) != null) {
                throw new ArchiveDamage("member '" + m.name() + "' appears twice");
            }
            Manifest.Entry e = listed.get(m.name());
            if (e == null) {
                throw new ArchiveDamage("member '" + m.name() + "' is not in the manifest");
            }
            if (e.size() != m.size()) {
                throw new ArchiveDamage("member '" + m.name() + "' has " + m.size() + " bytes, manifest says "
                        + e.size());
            }
            if (!e.sha256Prefix().equals(Manifest.prefixOf(m.sha256()))) {
                throw new ArchiveDamage("checksum mismatch in member '" + m.name() + "'");
            }
            if (e.mtimeSeconds() != m.mtimeSeconds()) {
                throw new ArchiveDamage("member '" + m.name() + "' mtime differs from the manifest");
            }
        }
        if (seen.size() != listed.size()) {
            for (Manifest.Entry e : manifest) {
                if (!seen.containsKey(e.path())) {
                    throw new ArchiveDamage("missing member '" + e.path() + "' (listed in the manifest)");
                }
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
