package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compares an expected golden trace with an actual one and says where it first diverged and why. Works on any two
 * JSON documents; understands both golden formats (engine JSONL events, simulation {@code .golden.json}).
 *
 * <pre>{@code
 * DiffResult r = GoldenDiff.compare(expectedTree, actualTree);
 * if (r.severity() == Severity.CRITICAL) {
 *     log.error("replay diverged at step {}: {} ({})", r.firstDivergingStep(), r.rootCause(), r.evidence());
 * }
 * }</pre>
 */
public final class GoldenDiff {

    private GoldenDiff() {
    }

    public static DiffResult compare(JsonNode expected, JsonNode actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    public static DiffResult compare(JsonNode expected, JsonNode actual, DiffOptions options) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        checkNotNull(options, "options");
        StructuralDiff diff = new StructuralDiff(options);
        diff.documents(expected, actual);
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    /** Reads and compares two golden files; a JSONL trace is compared event by event, never held as one tree. */
    public static DiffResult compare(Path expected, Path actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    public static DiffResult compare(Path expected, Path actual, DiffOptions options) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        // The two files are read (and their lines found) on two threads; a problem with the expected file is
        // reported first, as when they were read one after the other.
        CompletableFuture<LoadedGoldenFile> first = CompletableFuture.supplyAsync(() -> LoadedGoldenFile.read(expected),
                StructuralDiff.HALF_RUNNER);
        LoadedGoldenFile b;
        try {
            b = LoadedGoldenFile.read(actual);
        } catch (RuntimeException e) {
            join(first);
            throw e;
        }
        return compare(join(first), b, options);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public static DiffResult compare(LoadedGoldenFile expected, LoadedGoldenFile actual, DiffOptions options) {
        checkNotNull(options, "options");
        checkSameKind(expected, actual);
        StructuralDiff diff = new StructuralDiff(options);
        if (expected.isLines() && actual.isLines()) {
            JsonlSequence a = expected.sequence(options.volatileFields());
            JsonlSequence b = actual.sequence(options.volatileFields());
            ByteLockstep.Outcome fast = ByteLockstep.compare(diff, a, b, options);
            if (fast == ByteLockstep.Outcome.NOT_IN_STEP
                    || fast == ByteLockstep.Outcome.UNSURE && !diff.lockstep(a, b)) {
                diff.trace(a, b);
            }
        } else if (expected.isLines() && actual.tree().isArray()) {
            diff.trace(expected.sequence(options.volatileFields()), sequence(actual, options));
        } else if (actual.isLines() && expected.tree().isArray()) {
            diff.trace(new TreeSequence(expected.tree(), options.volatileFields()),
                    actual.sequence(options.volatileFields()));
        } else {
            diff.documents(expected.tree(), actual.tree());
        }
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    /**
     * An engine trace (one event per line) holds events; a document that is not an array (a simulation golden is
     * one object) holds something else: comparing the two would report every field as a difference, or worse,
     * nothing. Such a pair is refused, as a usage error, instead of being given a verdict.
     */
    private static void checkSameKind(LoadedGoldenFile expected, LoadedGoldenFile actual) {
        LoadedGoldenFile lines = expected.isLines() ? expected : actual;
        LoadedGoldenFile other = lines == expected ? actual : expected;
        if (!lines.isLines() || other.isLines() || other.tree().isArray()) {
            return;
        }
        throw new BadConfigurationException("cannot compare " + expected.path() + " (" + kind(expected) + ") with "
                + actual.path() + " (" + kind(actual) + "): an engine trace is compared only with another engine trace "
                + "(JSONL, or a JSON array of its events), a simulation golden with another simulation golden");
    }

    private static String kind(LoadedGoldenFile file) {
        if (file.isLines()) {
            return "an engine trace: one event per line";
        }
        return file.tree().isObject() ? "a simulation golden: one JSON object" : "one JSON " + file.tree()
                .getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ElementSequence sequence(LoadedGoldenFile file, DiffOptions options) {
        return file.isLines() ? file.sequence(options.volatileFields())
                : new TreeSequence(file.tree(), options.volatileFields());
    }
}
