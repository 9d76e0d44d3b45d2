package io.aos.ops.retention.archive;

import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The delete-intent record of one directory: "the originals of {@code source} that {@code archive} holds may be
 * deleted". Written (durably) before the archive gets its final name and removed after the last delete, so a run
 * interrupted anywhere in between is finished by the next run, and an archive that never got its name is ignored.
 */
record DeleteJournal(Path source, Path archive) {

    private static final String HEADER = "aos-retention-journal 1";

    /** How a journal's file name ends, after its directory's key. */
    static final String SUFFIX = ".journal";

    static Path fileFor(Path workDir, String dirKey) {
        return directory(workDir).resolve(dirKey + SUFFIX);
    }

    /** Where the journals of every directory are. */
    static Path directory(Path workDir) {
        return workDir.resolve("journal");
    }

    void write(Path file) throws IOException {
        AtomicFiles.replace(file, HEADER + "\nsource " + source + "\narchive " + archive + "\n");
    }

    static Optional<DeleteJournal> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("source ")
                || !lines.get(2).startsWith("archive ")) {
            return Optional.empty();
        }
        return Optional.of(new DeleteJournal(Path.of(lines.get(1).substring(7)), Path.of(lines.get(2).substring(8))));
    }
}
