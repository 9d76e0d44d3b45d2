package io.aos.ops.retention.archive;

import io.aos.ops.retention.scan.ExactName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Verifies a finished archive on its own: everything {@link ArchiveReader} checks, plus the whole-file SHA-256
 * against the {@code .sha256} file beside it. Stateless: thread-safe; it only reads.
 */
public final class ArchiveVerifier {

    /**
     * The outcome for one archive. {@code reason} is null when it verified.
     *
     * @param archive  the archive
     * @param ok       whether it verified
     * @param files    members read
     * @param reason   why it did not verify, one sentence naming the member where there is one; null when ok
     * @param manifest the manifest's entries, as read
     */
    public record Result(Path archive, boolean ok, int files, String reason, List<Manifest.Entry> manifest) {

        /** {@return the archive's file name} */
        public String name() {
            return archive.getFileName().toString();
        }
    }

    private ArchiveVerifier() {
    }

    /**
     * Verifies {@code archive}.
     *
     * @param archive the archive; its {@code .sha256} is read from beside it
     * @return the outcome; a damaged or missing archive is a result that is not ok, never an exception
     */
    public static Result verify(Path archive) {
        return verify(archive, null);
    }

    /**
     * Verifies {@code archive}, handing each member's bytes to {@code sink} as it is read (may be null).
     *
     * @param archive the archive; its {@code .sha256} is read from beside it
     * @param sink    receives each member's bytes, or null
     * @return the outcome; a damaged or missing archive is a result that is not ok, never an exception
     */
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
            return new Result(archive, false, 0, ArchiveReader.unreadable(e), List.of());
        } catch (InvalidPathException e) {
            // the archive's own name, or its .sha256's, cannot be encoded back into a path (not ASCII under the C
            // locale): an archive that cannot be checked here, not an internal error
            return new Result(archive, false, 0, "unreadable: its name cannot be used as a path here; "
                    + ExactName.encodingAdvice(), List.of());
        }
    }
}
