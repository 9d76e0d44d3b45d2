package io.aos.ops.bench.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where generators may write: a directory that is absent or empty, so a typo never mixes a corpus into real data. */
final class CorpusDirs {

    private CorpusDirs() {
    }

    static void requireEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(dir + " is not empty; corpora are written only into an empty "
                        + "or new directory");
            }
        }
    }
}
