package io.aos.ops.retention.archive;

import io.aos.ops.core.BadConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which file an archive named on the command line is. A path with a directory in it is that path. A bare name (what
 * {@code retention verify} prints, {@code golden_<time>_<run>_<key>.tgz}) is looked for in the current directory and
 * in the archive directory: the one that exists is the archive; when both exist and are not the same file, the name
 * is ambiguous and refused, naming both, rather than restoring whichever came first. Public API; stateless.
 */
public final class ArchiveLookup {

    private ArchiveLookup() {
    }

    /**
     * The archive {@code named} means.
     *
     * @param named      the archive as given
     * @param archiveDir the archive directory ({@code --archive-dir}, {@code $ARCHIVE_DIR})
     * @return the path to read: {@code named} itself unless it is a bare name found only in {@code archiveDir};
     *         {@code named} when it is found nowhere (the caller reports it missing)
     * @throws BadConfigurationException if {@code named} is a bare name that exists both relative to the current
     *         directory and in {@code archiveDir}, as two different files
     */
    public static Path resolve(Path named, Path archiveDir) {
        return resolve(named, Path.of(""), archiveDir);
    }

    /** {@link #resolve(Path, Path)} with {@code workingDir} as the current directory. */
    static Path resolve(Path named, Path workingDir, Path archiveDir) {
        if (named.getParent() != null || named.isAbsolute() || named.getFileName() == null) {
            return named;
        }
        Path here = workingDir.resolve(named);
        Path inArchiveDir = archiveDir.resolve(named);
        if (!Files.exists(inArchiveDir)) {
            return here;
        }
        if (!Files.exists(here) || sameFile(here, inArchiveDir)) {
            return Files.exists(here) ? here : inArchiveDir;
        }
        throw new BadConfigurationException("archive name '" + named + "' is ambiguous: "
                + here.toAbsolutePath().normalize() + " (in the current directory) and " + inArchiveDir
                + " (in the archive directory) are different files; give the path of the one to use; nothing done");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // gone or unreadable meanwhile: not known to be the same, so not taken as the same
        }
    }
}
