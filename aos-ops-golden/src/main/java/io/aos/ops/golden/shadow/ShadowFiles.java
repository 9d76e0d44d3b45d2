package io.aos.ops.golden.shadow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The runner's cheap whole-file write for the many small files of a run (golden files, traces, cycle reports):
 * write a temporary file and rename it, so a reader never sees half a file, but without forcing each one to disk.
 * A 24-hour run writes tens of thousands of them; an fsync each would make the runner's overhead the disk's latency.
 * {@code status.json} and the summary, which monitors rely on after a crash, go through {@code AtomicFiles}.
 */
final class ShadowFiles {

    private ShadowFiles() {
    }

    static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temp, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
