package io.aos.ops.retention.archive;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Verifies a finished archive on its own: everything {@link ArchiveReader} checks, plus the whole-file SHA-256
 * against the {@code .sha256} file beside it.
 */
public final class ArchiveVerifier {

    /** The outcome for one archive. {@code reason} is null when it verified. */
    public record Result(Path archive, boolean ok, int files, String reason, List<Manifest.Entry> manifest) {

        public String name() {
            return archive.getFileName().toString();
        }
    }

    private ArchiveVerifier() {
    }

    public static Result verify(Path archive) {
        return verify(archive, null);
    }

    /** Verifies {@code archive}, handing each member's bytes to {@code sink} as it is read (may be null). */
    public static Result verify(Path archive, ArchiveReader.MemberSink sink) {
        try {
            ArchiveFormat format = ArchiveFormat.ofFileName(archive.getFileName().toString())
                    .orElseThrow(() -> new ArchiveDamage("not a .tgz, .tar.gz or .tar.zst file"));
            if (!Files.isRegularFile(archive)) {
                throw new ArchiveDamage("not found");
            }
            String expected = ChecksumFile.read(archive);
            ArchiveReader.Contents contents = ArchiveReader.read(archive, format, sink);
            if (!contents.sha256().equals(expected)) {
                throw new ArchiveDamage("archive checksum differs from " + ChecksumFile.of(archive).getFileName());
            }
            return new Result(archive, true, contents.members().size(), null, contents.manifest());
        } catch (ArchiveDamage e) {
            return new Result(archive, false, 0, e.getMessage(), List.of());
        } catch (IOException e) {
            return new Result(archive, false, 0, "unreadable: " + describe(e), List.of());
        }
    }

    /**
     * An I/O failure as one phrase that keeps its reason: {@code /a/g.tgz: permission denied} where the exception's
     * own message is only the path.
     */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied"
                    + (denied.getReason() == null ? "" : " (" + denied.getReason() + ")");
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": "
                    + (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName());
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
