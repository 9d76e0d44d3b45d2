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
import java.util.List;

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

    /** The first lines of what {@link #writeReport} writes: a JSON report, or a text one's verdict. */
    private static final List<String> REPORT_STARTS = List.of("{\n  \"schema_version\"", "MATCH: ", "WARNING: ",
            "CRITICAL: ", "PASS: ", "FAIL: ");

    /**
     * Writes a text or JSON report ({@code -o F}) to {@code target}, which reruns of a command write again and
     * again (the incident runbook's {@code --output /root/reports/...}). So an existing file that holds such a
     * report (its first line is a report's verdict, or a JSON report's {@code schema_version}) is replaced; any
     * other existing file is kept and the write refused, unless {@code force}; and one of the command's
     * {@code inputs} (or its {@code .sig}) never, whatever {@code force}: {@code golden diff A B -o B} once replaced
     * the replay's trace with the report. A link is followed (the file it names is written, the link stays); an
     * existing target that is not a regular file ({@code /dev/stdout}, a FIFO) is written through, never replaced,
     * as a shell's redirection would.
     *
     * @param target where to write
     * @param text   the report
     * @param force  whether an existing file that is not a report may be replaced
     * @param inputs the files the report is about
     * @throws BadInputException naming {@code target} if it is refused or cannot be written
     */
    public static void writeReport(Path target, String text, boolean force, List<Path> inputs) {
        checkNotNull(target, "target");
        checkNotNull(text, "text");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isDirectory(target)) {
                throw new BadInputException(target, "is a directory; give the report's file name");
            }
            Path real = Files.exists(target) ? target.toRealPath() : target;
            for (Path input : inputs) {
                for (Path guarded : List.of(input, input.resolveSibling(input.getFileName() + ".sig"))) {
                    if (Files.exists(guarded) && Files.exists(real) && Files.isSameFile(guarded, real)) {
                        throw new BadInputException(target, "is " + (guarded == input ? "one of the files compared"
                                : "the signature of one of them") + " (" + guarded + "); give another file name");
                    }
                }
            }
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                try (var out = Files.newOutputStream(real)) { // a device or a FIFO: written through, never replaced
                    out.write(bytes);
                }
                return;
            }
            if (!force && Files.exists(real) && !holdsReport(real)) {
                throw new BadInputException(target, "already exists and does not hold a report; give --force to "
                        + "replace it, or another file name");
            }
            Path parent = real.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.replace(real, bytes);
        } catch (IOException e) {
            throw new BadInputException(target, "cannot write the report: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} starts as a report this suite writes. */
    private static boolean holdsReport(Path file) throws IOException {
        byte[] head = new byte[32];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, StandardCharsets.UTF_8);
        return REPORT_STARTS.stream().anyMatch(start::startsWith);
    }
}
