package io.aos.ops.retention.archive;

import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.scan.ExactName;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
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
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads a whole archive and checks everything it can without the sources: the compression layer's own checksum,
 * the tar structure, that every member is a regular file with a safe name, that the manifest is there (last) and
 * lists exactly the members with their sizes, mtimes and checksums. Any failure is an {@link ArchiveDamage}.
 *
 * <p>Members are streamed (hashed while read, handed on in 64 KiB chunks), so memory does not grow with a member's
 * size. What the tar stream may claim is bounded before it is believed: a member's size ({@link #MAX_MEMBER_BYTES}),
 * the headers before each member, PAX headers and GNU long names included ({@link #MAX_HEADER_BYTES}), the manifest
 * ({@link #MAX_MANIFEST_BYTES}), the number of members ({@link #MAX_MEMBERS}) and what follows the end of the tar
 * ({@link #MAX_TRAILING_BYTES}, zeros only). A crafted archive of a few MB that expands to gigabytes of header or
 * padding is refused after reading at most a few MiB of it.
 */
public final class ArchiveReader {

    /** Members larger than this are refused instead of read (crafted headers, CVE-2021-35517). */
    static final long MAX_MEMBER_BYTES = 1L << 30;
    /** All tar headers before one member (its own, a PAX header, a GNU long name) together; archive writes ~1 KiB. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** Zeros accepted after the end-of-archive blocks (tar pads to its record size, 10 KiB; some writers more). */
    static final int MAX_TRAILING_BYTES = 4 << 20;
    /** The manifest member; 100,000 files make about 8 MiB. */
    static final int MAX_MANIFEST_BYTES = 64 << 20;
    /** Members per archive; each costs about 150 bytes of memory while the archive is checked. */
    static final int MAX_MEMBERS = 1_000_000;

    private static final int CHUNK = 1 << 16;

    /**
     * Receives each member as it is read, before its checks against the manifest (which comes last): where its
     * bytes go, then its SHA-256 once they have all been read.
     */
    public interface MemberSink {
        /** Member {@code name} of {@code size} bytes begins; its bytes go to the returned stream (may be null). */
        OutputStream begin(String name, long size) throws IOException;

        /** All {@code size} bytes of {@code name} went to {@link #begin}'s stream, now closed; their SHA-256. */
        void end(String name, byte[] sha256) throws IOException;
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
             InputStream hashed = new BufferedInputStream(new DigestInputStream(raw, whole), CHUNK)) {
            Budget budget = null;
            try {
                // Shielded: zstd-jni's ZstdInputStream closes its source when the collector finalizes it, which
                // can happen once the tar reader is done with it, before the tail is drained from `hashed` below
                // (seen as "Stream closed" on an intact archive).
                InputStream decompressed = format.decompress(CloseShieldInputStream.wrap(hashed));
                budget = new Budget(new BufferedInputStream(decompressed, CHUNK));
                // A block size of one record: the reader then skips nothing after the end-of-archive blocks (it
                // would skip to a 10 KiB boundary unseen), so checkTrailing sees every byte that follows.
                TarArchiveInputStream tar = new TarArchiveInputStream(budget, TarConstants.DEFAULT_RCDSIZE);
                byte[] chunk = new byte[CHUNK];
                TarArchiveEntry entry;
                while (true) {
                    budget.allow(MAX_HEADER_BYTES);
                    entry = tar.getNextEntry();
                    budget.allow(Long.MAX_VALUE);
                    if (entry == null) {
                        break;
                    }
                    String name = entry.getName();
                    if (manifestBytes != null) {
                        throw new ArchiveDamage("member '" + name + "' after the manifest");
                    }
                    checkEntry(entry, name);
                    if (name.equals(Manifest.MEMBER)) {
                        if (entry.getSize() > MAX_MANIFEST_BYTES) {
                            throw new ArchiveDamage("the manifest has " + entry.getSize() + " bytes, more than the "
                                    + (MAX_MANIFEST_BYTES >> 20) + " MiB any manifest needs");
                        }
                        ByteArrayOutputStream manifest = new ByteArrayOutputStream((int) entry.getSize());
                        copyMember(tar, chunk, name, entry.getSize(), manifest, null);
                        manifestBytes = manifest.toByteArray();
                        continue;
                    }
                    if (members.size() >= MAX_MEMBERS) {
                        throw new ArchiveDamage("more than " + MAX_MEMBERS + " members; refused");
                    }
                    OutputStream out = sink == null ? null : sink.begin(name, entry.getSize());
                    try {
                        copyMember(tar, chunk, name, entry.getSize(), out, each);
                    } finally {
                        if (out != null) {
                            out.close();
                        }
                    }
                    byte[] digest = each.digest();
                    members.add(new Member(name, entry.getSize(), entry.getLastModifiedTime().toInstant()
                            .getEpochSecond(), digest));
                    if (sink != null) {
                        sink.end(name, digest);
                    }
                }
                // Read to the very end so the gzip CRC/ISIZE or zstd frame checksum is checked, but no further
                // than tar padding can honestly reach.
                checkTrailing(budget, chunk);
            } catch (ArchiveDamage e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                if (budget != null && budget.exceeded()) {
                    throw new ArchiveDamage("tar headers of member " + (members.size() + 1) + " exceed "
                            + (MAX_HEADER_BYTES >> 20) + " MiB (a PAX header or long name that large is never "
                            + "written by archive); refused");
                }
                if (e instanceof EOFException) {
                    throw new ArchiveDamage("truncated: the archive ends early");
                }
                throw new ArchiveDamage(e instanceof IOException io ? unreadable(io)
                        : "unreadable: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            byte[] rest = new byte[CHUNK];
            while (hashed.read(rest) >= 0) {
                // drain the tail (raw file bytes: as many as the file has) into the whole-file digest
            }
        }
        if (manifestBytes == null) {
            throw new ArchiveDamage(members.isEmpty() ? "no members and no manifest" : "missing manifest member");
        }
        List<Manifest.Entry> manifest = Manifest.parse(manifestBytes);
        checkAgainstManifest(members, manifest);
        return new Contents(List.copyOf(members), manifest, HexFormat.of().formatHex(whole.digest()));
    }

    /**
     * The reason for an archive that failed with {@code e}: {@code unreadable: <the OS's reason>}, or, for a name
     * that could not be decoded or encoded (whose own message is only {@code Input length = 1}), which encoding file
     * names are read in.
     *
     * @param e what reading the archive threw
     * @return the reason, one phrase
     */
    static String unreadable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "unreadable: a name in it cannot be decoded or encoded (" + e.getClass().getSimpleName() + "); "
                    + ExactName.encodingAdvice();
        }
        return "unreadable: " + IoReason.describe(e);
    }

    private static void checkEntry(TarArchiveEntry entry, String name) {
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
    }

    /** Copies the current member's {@code size} bytes to {@code out} (may be null), hashing them into {@code digest}. */
    private static void copyMember(InputStream tar, byte[] chunk, String name, long size, OutputStream out,
            MessageDigest digest) throws IOException {
        long got = 0;
        for (int n; got < size && (n = tar.read(chunk, 0, (int) Math.min(chunk.length, size - got))) > 0; ) {
            if (digest != null) {
                digest.update(chunk, 0, n);
            }
            if (out != null) {
                out.write(chunk, 0, n);
            }
            got += n;
        }
        if (got != size) {
            throw new ArchiveDamage("truncated: member '" + name + "' has " + got + " of " + size + " bytes");
        }
    }

    /** What follows the end-of-archive blocks: zeros only, at most {@link #MAX_TRAILING_BYTES} of them. */
    private static void checkTrailing(InputStream tail, byte[] chunk) throws IOException {
        long seen = 0;
        for (int n; (n = tail.read(chunk)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    throw new ArchiveDamage("data other than zeros after the end of the tar stream");
                }
            }
            seen += n;
            if (seen > MAX_TRAILING_BYTES) {
                throw new ArchiveDamage("more than " + (MAX_TRAILING_BYTES >> 20) + " MiB after the end of the tar "
                        + "stream; refused");
            }
        }
    }

    /**
     * The decompressed stream as the tar reader sees it, with a budget: while a member's headers are parsed, at
     * most {@link #allow} bytes may be read, so a header claiming gigabytes fails after the allowance instead of
     * being read into memory. mark/reset (the tar reader peeks at the second end-of-archive block) keep the count.
     */
    private static final class Budget extends FilterInputStream {
        private long allowed = Long.MAX_VALUE;
        private long used;
        private long markedUsed;
        private boolean exceeded;

        Budget(InputStream in) {
            super(in);
        }

        void allow(long bytes) {
            allowed = bytes;
            used = 0;
        }

        boolean exceeded() {
            return exceeded;
        }

        private void take(long n) throws IOException {
            used += n;
            if (used > allowed) {
                exceeded = true;
                throw new IOException("tar header budget exceeded");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                take(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                take(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, CHUNK));
            if (skipped > 0) {
                take(skipped);
            }
            return skipped;
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            markedUsed = used;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            used = markedUsed;
        }
    }

    /**
     * The manifest's own rule for one of its names, in order: a safe member name ({@link MemberName}), listed once.
     * One home for it: {@code verify} applies it to the manifest it reads, the read-back after archive
     * ({@link ReadBack#check}) to the members it wrote, so no original is deleted on the strength of an archive that
     * {@code verify} and {@code restore} would refuse.
     *
     * @param name       a name the manifest lists
     * @param listedTwice whether an earlier entry lists the same name
     * @throws ArchiveDamage naming the problem
     */
    static void checkListedName(String name, boolean listedTwice) {
        String problem = MemberName.problemWith(name);
        if (problem != null) {
            throw new ArchiveDamage("manifest: " + problem);
        }
        if (listedTwice) {
            throw new ArchiveDamage("manifest lists '" + name + "' twice");
        }
    }

    private static void checkAgainstManifest(List<Member> members, List<Manifest.Entry> manifest) {
        Map<String, Manifest.Entry> listed = new HashMap<>(manifest.size() * 2);
        for (Manifest.Entry e : manifest) {
            checkListedName(e.path(), listed.put(e.path(), e) != null);
        }
        // a file that another member's path needs as its directory ('a' and 'a/b.json'): no restore could write
        // both, so no verify passes it
        for (String path : listed.keySet()) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (listed.containsKey(path.substring(0, slash))) {
                    throw new ArchiveDamage("manifest lists '" + path.substring(0, slash) + "' as a file and as the "
                            + "directory of '" + path + "'");
                }
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

}
