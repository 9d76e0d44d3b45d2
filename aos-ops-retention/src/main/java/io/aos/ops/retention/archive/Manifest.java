package io.aos.ops.retention.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The manifest member inside every archive: per file its member name, size, modification time (epoch seconds, as
 * in the tar header) and the first 32 bits of its SHA-256.
 *
 * <p>Layout, plain text: a header, the columns line, {@code count N}, {@code mtime-base B} (the oldest mtime), then
 * four columns one after the other (N names, N sizes, N mtimes as seconds after B, N checksums), one value per line.
 * Columns rather than rows, mtimes relative to the oldest, and 32 bits of checksum in base64url, because with
 * 400-byte golden files the manifest must stay under 15 % of the archive: on 100k corpus files it compresses to
 * 13.7 bytes per file with zstd -1 (14 bytes with gzip -6), against 18.3 with version 1's absolute mtimes and 64-bit
 * prefixes, which made a zstd archive 18 % larger. 32 bits catch accidental damage of a member with a miss rate of
 * 2^-32; the member is also covered by the compression layer's checksum (gzip CRC-32, zstd frame checksum) and the
 * whole archive by the full SHA-256 in the {@code .sha256} file beside it, which {@code verify} checks.
 * Version 1 manifests (64-bit prefixes, absolute mtimes) are still read; their checksums are compared on 32 bits.
 */
public final class Manifest {

    /** The member name of the manifest; it is not a golden file name, so it never collides with one. */
    public static final String MEMBER = ".aos-retention-manifest";
    static final String HEADER = "aos-retention-manifest 2";
    static final String COLUMNS = "columns path size mtime sha256-32";
    static final String HEADER_V1 = "aos-retention-manifest 1";
    static final String COLUMNS_V1 = "columns path size mtime sha256-64";
    private static final int PREFIX_BYTES = 4;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    /** One file of the manifest. */
    public record Entry(String path, long size, long mtimeSeconds, String sha256Prefix) {
    }

    private Manifest() {
    }

    /** The 32-bit prefix of a SHA-256 digest as the manifest writes it (6 base64url characters). */
    public static String prefixOf(byte[] sha256) {
        return B64.encodeToString(java.util.Arrays.copyOf(sha256, PREFIX_BYTES));
    }

    /** The manifest text of {@code entries}, in their order. */
    public static byte[] render(List<Entry> entries) {
        long base = entries.stream().mapToLong(Entry::mtimeSeconds).min().orElse(0);
        StringBuilder out = new StringBuilder(entries.size() * 48 + 96);
        out.append(HEADER).append('\n').append(COLUMNS).append('\n').append("count ").append(entries.size())
                .append('\n').append("mtime-base ").append(base).append('\n');
        entries.forEach(e -> out.append(e.path()).append('\n'));
        entries.forEach(e -> out.append(e.size()).append('\n'));
        entries.forEach(e -> out.append(e.mtimeSeconds() - base).append('\n'));
        entries.forEach(e -> out.append(e.sha256Prefix()).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a manifest (version 2, or 1); a malformed one throws {@link ArchiveDamage} naming what is wrong. */
    public static List<Entry> parse(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        boolean v1 = lines.length >= 2 && lines[0].equals(HEADER_V1) && lines[1].equals(COLUMNS_V1);
        boolean v2 = lines.length >= 2 && lines[0].equals(HEADER) && lines[1].equals(COLUMNS);
        int head = v1 ? 3 : 4;
        if (!(v1 || v2) || lines.length < head || !lines[2].startsWith("count ")
                || v2 && !lines[3].startsWith("mtime-base ")) {
            throw new ArchiveDamage("manifest header is malformed");
        }
        int count;
        long base;
        try {
            count = Integer.parseInt(lines[2].substring(6));
            base = v1 ? 0 : Long.parseLong(lines[3].substring(11));
        } catch (NumberFormatException e) {
            throw new ArchiveDamage("manifest count or mtime base is malformed");
        }
        if (count < 0 || lines.length != head + 4 * (long) count + 1 || !lines[lines.length - 1].isEmpty()) {
            throw new ArchiveDamage("manifest has " + (lines.length - head - 1) + " value lines, expected 4 x "
                    + count);
        }
        int hashChars = v1 ? 11 : 6;
        int hashBytes = v1 ? 8 : PREFIX_BYTES;
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = lines[head + i];
            String hash = lines[head + 3 * count + i];
            try {
                long size = Long.parseLong(lines[head + count + i]);
                long mtime = Math.addExact(base, Long.parseLong(lines[head + 2 * count + i]));
                byte[] prefix = hash.length() == hashChars ? B64_DECODE.decode(hash) : null;
                if (prefix == null || prefix.length != hashBytes || size < 0) {
                    throw new IllegalArgumentException(hash);
                }
                entries.add(new Entry(path, size, mtime, v1 ? prefixOf(prefix) : hash));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ArchiveDamage("manifest entry " + (i + 1) + " ('" + path + "') is malformed");
            }
        }
        return entries;
    }
}
