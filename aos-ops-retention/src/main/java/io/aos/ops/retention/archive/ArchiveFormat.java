package io.aos.ops.retention.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * How the tar stream of an archive is compressed. gzip uses level 6 (what {@code tar czf} uses) and a zero header
 * mtime, so the same files give the same bytes; zstd uses level 1, which on sub-KB JSON is both faster and smaller
 * than gzip -6, with the frame's content checksum on.
 */
public enum ArchiveFormat {
    /** gzip, level 6: {@code .tgz}, what {@code tar czf} writes. */
    GZIP(".tgz"),
    /** zstd, level 1, with content checksum: {@code .tar.zst}. */
    ZSTD(".tar.zst");

    static final int GZIP_LEVEL = 6;
    static final int ZSTD_LEVEL = 1;
    private static final int BUFFER = 1 << 16;

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /**
     * The file-name extension of archives written in this format.
     *
     * @return {@code .tgz} or {@code .tar.zst}
     */
    public String extension() {
        return extension;
    }

    /**
     * The format of an archive by its file name ({@code .tgz}, {@code .tar.gz}, {@code .tar.zst}, {@code .tzst}).
     *
     * @param name a file name
     * @return the format, or empty when the name says none
     */
    public static Optional<ArchiveFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
            return Optional.of(GZIP);
        }
        if (lower.endsWith(".tar.zst") || lower.endsWith(".tzst")) {
            return Optional.of(ZSTD);
        }
        return Optional.empty();
    }

    /**
     * Parses {@code gzip} or {@code zstd} (the {@code --format} values).
     *
     * @param name {@code gzip} ({@code gz}, {@code tgz}) or {@code zstd} ({@code zst}), any case
     * @return the format, or empty for any other name
     */
    public static Optional<ArchiveFormat> ofName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gzip", "gz", "tgz" -> Optional.of(GZIP);
            case "zstd", "zst" -> Optional.of(ZSTD);
            default -> Optional.empty();
        };
    }

    /**
     * Wraps {@code out} in this format's compressor.
     *
     * @param out the stream the compressed bytes go to; closed with the returned stream
     * @return the compressing stream
     * @throws IOException if the compressor cannot start
     */
    public OutputStream compress(OutputStream out) throws IOException {
        if (this == GZIP) {
            GzipParameters parameters = new GzipParameters();
            parameters.setCompressionLevel(GZIP_LEVEL);
            parameters.setModificationTime(0);
            parameters.setBufferSize(BUFFER);
            return new GzipCompressorOutputStream(out, parameters);
        }
        ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
        zstd.setChecksum(true);
        return zstd;
    }

    /**
     * Wraps {@code in} in this format's decompressor (every member of a multi-member gzip).
     *
     * @param in the compressed bytes; closed with the returned stream
     * @return the decompressing stream
     * @throws IOException if the stream does not start as this format
     */
    public InputStream decompress(InputStream in) throws IOException {
        if (this == GZIP) {
            // Every member of a multi-member gzip (pigz, or archives concatenated with cat), without the JDK
            // GZIPInputStream's guess from available() whether another member follows.
            return new GzipCompressorInputStream(in, true);
        }
        return new ZstdInputStream(in);
    }
}
