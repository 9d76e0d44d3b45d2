package io.aos.ops.golden.diff;

import io.aos.ops.core.AosOpsException;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.util.List;

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
 *
 * <p>Argument order is always expected first, then actual. Thread safety: stateless; any number of threads may
 * compare at once. Nothing runs outside the calling thread unless the options name an executor
 * ({@link DiffOptions#withExecutor}).
 */
public final class GoldenDiff {

    /**
     * How many differing event pairs of each part of a JSONL trace ({@link TraceHalves}) have their differences kept
     * whole; the rest are counted and found again only when {@link DiffResult#differences()} is read (see
     * {@link DeferredPair}).
     */
    static final int KEPT_WHOLE = 128;

    private GoldenDiff() {
    }

    /**
     * Compares two JSON trees with the {@linkplain DiffOptions#defaults() default options}.
     *
     * @param expected the golden (expected) document
     * @param actual the replay (actual) document
     * @return the verdict, root cause and differences
     * @throws NullPointerException if either is null
     */
    public static DiffResult compare(JsonNode expected, JsonNode actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    /**
     * Compares two JSON trees. An array is a trace (one element per event); an object with {@code step_hashes},
     * {@code steps} or {@code events} is a simulation golden; anything else is compared as a document.
     *
     * @param expected the golden (expected) document
     * @param actual the replay (actual) document
     * @param options what is identity, volatile, external and equal enough
     * @return the verdict, root cause and differences
     * @throws NullPointerException if an argument is null
     */
    public static DiffResult compare(JsonNode expected, JsonNode actual, DiffOptions options) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        checkNotNull(options, "options");
        StructuralDiff diff = new StructuralDiff(options);
        diff.documents(expected, actual);
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    /**
     * Reads and compares two golden files with the {@linkplain DiffOptions#defaults() default options}, on the
     * calling thread.
     *
     * @param expected the golden file
     * @param actual the replay's file
     * @return the verdict, root cause and differences
     * @throws NullPointerException if either is null
     * @throws AosOpsException if a file cannot be read, is not valid JSON (naming file, line and column) or is too
     *         large, or if an engine trace is given with a simulation golden
     * @see #compare(Path, Path, DiffOptions)
     */
    public static DiffResult compare(Path expected, Path actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    /**
     * Reads and compares two golden files: engine traces ({@code .jsonl}, one event per line), simulation goldens
     * ({@code .golden.json}) or any JSON documents. A JSONL trace is compared event by event, never held as one
     * tree. With an executor in the options, the expected file is read on it while the calling thread reads the
     * actual one; a problem with the expected file is still the one reported when both have one.
     *
     * @param expected the golden file
     * @param actual the replay's file
     * @param options what is identity, volatile, external and equal enough, and where work may run
     * @return the verdict, root cause and differences
     * @throws NullPointerException if an argument is null
     * @throws AosOpsException if a file cannot be read, is not valid JSON (naming file, line and column) or is too
     *         large, or if an engine trace is given with a simulation golden
     */
    public static DiffResult compare(Path expected, Path actual, DiffOptions options) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        checkNotNull(options, "options");
        if (!options.runsInParallel()) {
            LoadedGoldenFile a = LoadedGoldenFile.read(expected);
            return compare(a, LoadedGoldenFile.read(actual), options);
        }
        // The expected file is read (and its lines found) on the executor while this thread reads the actual one; a
        // problem with the expected file is reported first, as when they are read one after the other.
        List<LoadedGoldenFile> both = LoadedGoldenFile.readBoth(expected, actual, options.executor());
        return compare(both.get(0), both.get(1), options);
    }

    /**
     * Compares two golden files already read ({@link LoadedGoldenFile#read}): useful when one file is compared with
     * several others.
     *
     * @param expected the golden file
     * @param actual the replay's file
     * @param options what is identity, volatile, external and equal enough, and where work may run
     * @return the verdict, root cause and differences
     * @throws NullPointerException if an argument is null
     * @throws AosOpsException if a line of a trace is not valid JSON (naming file, line and column), or if an engine
     *         trace is given with a simulation golden
     */
    public static DiffResult compare(LoadedGoldenFile expected, LoadedGoldenFile actual, DiffOptions options) {
        checkNotNull(options, "options");
        checkSameKind(expected, actual);
        StructuralDiff diff = new StructuralDiff(options).deferringAfter(KEPT_WHOLE);
        if (expected.isLines() && actual.isLines()) {
            JsonlSequence a = expected.sequence(options.volatileFields());
            JsonlSequence b = actual.sequence(options.volatileFields());
            TraceTiers.compare(diff, a, b, options);
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
