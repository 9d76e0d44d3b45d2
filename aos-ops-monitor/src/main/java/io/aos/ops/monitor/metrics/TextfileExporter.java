package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.AtomicFiles;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a registry to {@code <dir>/aos_ops.prom} for node_exporter's textfile collector
 * ({@code --collector.textfile.directory}). The collector reads every {@code *.prom} on each scrape, so the file is
 * never written in place: the content goes to a hidden staging file in the same directory (with {@link AtomicFiles},
 * so it is on disk), is made world-readable (node_exporter usually runs as another user, and a mode-600 file is a
 * silent scrape error), and is renamed over the target in one step.
 */
public final class TextfileExporter {

    /** The file name inside the textfile directory. */
    public static final String FILE_NAME = "aos_ops.prom";

    private TextfileExporter() {
    }

    /** Writes {@code registry} to {@code dir/aos_ops.prom} atomically; returns the file written. */
    public static Path write(PrometheusRegistry registry, Path dir) throws IOException {
        checkNotNull(registry, "registry");
        checkNotNull(dir, "dir");
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        // Not *.prom, so the collector never reads it half-made; per process, so a daemon and a one-shot check
        // writing the same directory never move each other's staging file.
        Path staging = dir.resolve("." + FILE_NAME + "." + ProcessHandle.current().pid() + ".staging");
        AtomicFiles.replace(staging, out -> TextExposition.write(registry, out));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.forceDirectory(dir);
        return target;
    }
}
