package io.aos.ops.golden.junit;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one comparison behind {@link GoldenAssertions} and {@link GoldenSnapshot}: compare, or write in update mode;
 * on a mismatch or a missing golden file, write the actual trace to the pending file beside it
 * ({@code <golden>.new}) for review, and never touch the golden file; on a match, remove a stale pending file.
 *
 * <p>The pending file is written exactly as update mode would write the golden file, so accepting it by moving it
 * over the golden file gives the same result as rerunning in update mode.
 */
final class GoldenCheck {

    /** What a check found. */
    enum Outcome {
        /** The actual trace matches the golden file. */
        MATCHED,
        /** Update mode wrote the golden file. */
        WRITTEN,
        /** The golden file differs; the actual trace is in the pending file. */
        MISMATCHED,
        /** There was no golden file; the actual trace is in the pending file. */
        MISSING
    }

    /**
     * The result of one check.
     *
     * @param outcome what was found
     * @param golden  the golden file
     * @param pending the pending file ({@code <golden>.new}); it exists only after a mismatch or a missing golden
     * @param message the failure message, or null when the check passed
     */
    record Verdict(Outcome outcome, Path golden, Path pending, String message) {

        boolean failed() {
            return message != null;
        }
    }

    /** Suffix of the pending file written beside a golden file that did not match. */
    static final String PENDING_SUFFIX = ".new";

    private GoldenCheck() {
    }

    /** The pending file of {@code golden}: {@code <golden>.new} in the same directory. */
    static Path pendingFile(Path golden) {
        return golden.resolveSibling(golden.getFileName().toString() + PENDING_SUFFIX);
    }

    /** Checks a trace held in memory against {@code golden}. */
    static Verdict check(Path golden, JsonNode actual, DiffOptions options, boolean update) {
        checkNotNull(golden, "golden");
        checkNotNull(actual, "actual");
        checkNotNull(options, "options");
        Path pending = pendingFile(golden);
        if (update) {
            return written(golden, actual, pending);
        }
        if (!Files.exists(golden)) {
            return missing(golden, actual, pending);
        }
        DiffResult result = GoldenDiff.compare(LoadedGoldenFile.read(golden).tree(), actual, options);
        if (result.matches()) {
            return matched(golden, pending);
        }
        write(actual, pending);
        return mismatched(golden, pending, result, pending);
    }

    /**
     * Checks the trace file {@code actualTrace} (JSONL or JSON) against {@code golden}: file against file, so an
     * engine trace is never compared with a simulation golden.
     */
    static Verdict check(Path golden, Path actualTrace, DiffOptions options, boolean update) {
        checkNotNull(golden, "golden");
        checkNotNull(actualTrace, "actualTrace");
        checkNotNull(options, "options");
        Path pending = pendingFile(golden);
        if (update) {
            return written(golden, LoadedGoldenFile.read(actualTrace).tree(), pending);
        }
        if (!Files.exists(golden)) {
            return missing(golden, LoadedGoldenFile.read(actualTrace).tree(), pending);
        }
        DiffResult result = GoldenDiff.compare(golden, actualTrace, options);
        if (result.matches()) {
            return matched(golden, pending);
        }
        write(LoadedGoldenFile.read(actualTrace).tree(), pending);
        return mismatched(golden, pending, result, actualTrace);
    }

    private static Verdict written(Path golden, JsonNode actual, Path pending) {
        write(actual, golden);
        deleteIfExists(pending);
        return new Verdict(Outcome.WRITTEN, golden, pending, null);
    }

    private static Verdict matched(Path golden, Path pending) {
        // an earlier run's pending file is stale once the golden file matches again
        deleteIfExists(pending);
        return new Verdict(Outcome.MATCHED, golden, pending, null);
    }

    private static Verdict missing(Path golden, JsonNode actual, Path pending) {
        write(actual, pending);
        return new Verdict(Outcome.MISSING, golden, pending, "golden file " + golden + " does not exist; the actual"
                + " trace is in " + pending + ".\nReview it, then accept it with `mv " + pending + " " + golden
                + "`, or run the test with -D" + GoldenAssertions.UPDATE_PROPERTY + "=true (or "
                + GoldenAssertions.UPDATE_ENV + "=1) to create it");
    }

    private static Verdict mismatched(Path golden, Path pending, DiffResult result, Path actualFile) {
        return new Verdict(Outcome.MISMATCHED, golden, pending, "trace does not match golden file " + golden
                + "; the actual trace is in " + pending + "\n"
                + DiffReport.text(result, golden.toString(), actualFile.toString(), false, false)
                + "If the new behaviour is right, accept it with `mv " + pending + " " + golden + "` or rerun with -D"
                + GoldenAssertions.UPDATE_PROPERTY + "=true to rewrite the golden file, and review the change.");
    }

    /** Writes {@code actual} as a golden file: one compact event per line for {@code *.jsonl}, else indented JSON. */
    private static void write(JsonNode actual, Path file) {
        try {
            String text;
            if (isJsonl(file) && actual.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode event : actual) {
                    sb.append(OpsJson.mapper().writeValueAsString(event)).append('\n');
                }
                text = sb.toString();
            } else {
                text = OpsJson.pretty().writeValueAsString(actual) + "\n";
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.replace(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write golden file " + file, e);
        }
    }

    /** The pending file of a {@code .jsonl} golden is written as lines too. */
    private static boolean isJsonl(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(PENDING_SUFFIX)) {
            name = name.substring(0, name.length() - PENDING_SUFFIX.length());
        }
        return GoldenFileKind.of(name) == GoldenFileKind.ENGINE_TRACE;
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale pending file " + file, e);
        }
    }
}
