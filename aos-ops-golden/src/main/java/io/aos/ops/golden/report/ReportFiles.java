package io.aos.ops.golden.report;

import io.aos.ops.core.BadInputException;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Writes a report file: atomically (a reader never sees half a page), and never over an existing file unless forced. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code html} to {@code target}. An existing {@code target} is kept, and the write refused as bad input
     * naming it, unless {@code force}; a directory is never replaced.
     */
    public static void write(Path target, String html, boolean force) {
        checkNotNull(target, "target");
        checkNotNull(html, "html");
        if (Files.isDirectory(target)) {
            throw new BadInputException(target, "is a directory; give the report's file name");
        }
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(target, "already exists; give --force to overwrite it, or another file name");
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.replace(target, html.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(target, "cannot be written: " + e.getMessage(), e);
        }
    }
}
