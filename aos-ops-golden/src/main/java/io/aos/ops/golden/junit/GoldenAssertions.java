package io.aos.ops.golden.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.diff.DiffOptions;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;

/**
 * JUnit 5 assertions against golden files named by the caller: the test fails with the classified diff (root cause
 * and first diverging step first) unless the trace matches its golden file; differences only in fields that are
 * volatile by definition (timestamps, durations, run ids) still match. To have golden files named after the test,
 * with a summary of every mismatch at the end of the run, use {@link GoldenExtension} instead.
 *
 * <p>Arguments come in the order of {@link io.aos.ops.golden.diff.GoldenDiff#compare GoldenDiff.compare}: the golden
 * file (expected) first, then the actual trace.
 *
 * <p>When the trace does not match, or the golden file does not exist, the golden file is left alone and the actual
 * trace is written beside it as {@code <golden>.new}; the failure message names both files. Accept a reviewed
 * {@code .new} file by moving it over the golden file. A check that matches removes a stale {@code .new} file.
 *
 * <p>Update mode writes or rewrites the golden file instead of comparing: run the tests with
 * {@code -Daos.golden.update=true} or with the environment variable {@code AOS_GOLDEN_UPDATE=1}, then review the
 * changed golden files in version control. A golden file named {@code *.jsonl} is written one compact event per line,
 * any other as indented JSON.
 *
 * <p>The methods are safe to call from parallel tests as long as no two tests share a golden file.
 * junit-jupiter-api is an optional dependency of aos-ops-golden: this class needs it on the test class path.
 */
public final class GoldenAssertions {

    /** System property (or JUnit configuration parameter) that turns update mode on ({@code true}). */
    public static final String UPDATE_PROPERTY = "aos.golden.update";
    /** Environment variable that turns update mode on ({@code 1} or {@code true}). */
    public static final String UPDATE_ENV = "AOS_GOLDEN_UPDATE";

    private GoldenAssertions() {
    }

    /**
     * Asserts that the trace {@code actual} matches the golden file, or writes the golden file in update mode.
     *
     * @param golden the golden file (expected): {@code *.jsonl} for one event per line, else one JSON document
     * @param actual the trace the test produced
     * @throws org.opentest4j.AssertionFailedError if the trace does not match or the golden file does not exist
     * @throws io.aos.ops.core.AosOpsException if the golden file is not valid JSON (naming the file, line and column)
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static void assertGoldenMatches(Path golden, JsonNode actual) {
        assertGoldenMatches(golden, actual, DiffOptions.defaults());
    }

    /**
     * As {@link #assertGoldenMatches(Path, JsonNode)}, comparing with {@code options}.
     *
     * @param golden  the golden file (expected)
     * @param actual  the trace the test produced
     * @param options identity keys, volatile fields and tolerances of the comparison
     * @throws org.opentest4j.AssertionFailedError if the trace does not match or the golden file does not exist
     * @throws io.aos.ops.core.AosOpsException if the golden file is not valid JSON (naming the file, line and column)
     */
    public static void assertGoldenMatches(Path golden, JsonNode actual, DiffOptions options) {
        failIfFailed(GoldenCheck.check(golden, actual, options, updateMode()));
    }

    /**
     * Asserts that the trace file {@code actualTrace} (JSONL or JSON) matches the golden file, or writes the golden
     * file from it in update mode. The files are compared as files, so an engine trace is never compared with a
     * simulation golden.
     *
     * @param golden      the golden file (expected)
     * @param actualTrace the trace file the test produced
     * @throws org.opentest4j.AssertionFailedError if the trace does not match or the golden file does not exist
     * @throws io.aos.ops.core.AosOpsException if either file is unreadable or invalid, or the two cannot be compared
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static void assertGoldenMatches(Path golden, Path actualTrace) {
        failIfFailed(GoldenCheck.check(golden, actualTrace, DiffOptions.defaults(), updateMode()));
    }

    /**
     * Asserts that {@code actual} matches the golden file (or writes it in update mode).
     *
     * @param actual the trace the test produced
     * @param golden the golden file
     * @deprecated the actual trace comes first here, unlike everywhere else; use
     *     {@link #assertGoldenMatches(Path, JsonNode)}, which takes the golden file first
     */
    @Deprecated(since = "0.1.0")
    public static void assertMatchesGolden(JsonNode actual, Path golden) {
        assertGoldenMatches(golden, actual);
    }

    /**
     * Asserts that {@code actual} matches the golden file, comparing with {@code options}.
     *
     * @param actual  the trace the test produced
     * @param golden  the golden file
     * @param options how to compare
     * @deprecated the actual trace comes first here, unlike everywhere else; use
     *     {@link #assertGoldenMatches(Path, JsonNode, DiffOptions)}, which takes the golden file first
     */
    @Deprecated(since = "0.1.0")
    public static void assertMatchesGolden(JsonNode actual, Path golden, DiffOptions options) {
        assertGoldenMatches(golden, actual, options);
    }

    /**
     * Asserts that the trace file {@code actualTrace} matches the golden file.
     *
     * @param actualTrace the trace file the test produced
     * @param golden      the golden file
     * @deprecated the actual trace comes first here, unlike everywhere else; use
     *     {@link #assertGoldenMatches(Path, Path)}, which takes the golden file first
     */
    @Deprecated(since = "0.1.0")
    public static void assertMatchesGolden(Path actualTrace, Path golden) {
        assertGoldenMatches(golden, actualTrace);
    }

    /**
     * Whether update mode is on for the static assertions.
     *
     * @return true when {@code -Daos.golden.update=true} or {@code AOS_GOLDEN_UPDATE=1|true} ({@code yes} too)
     */
    public static boolean updateMode() {
        return updateMode(System.getProperty(UPDATE_PROPERTY), System.getenv(UPDATE_ENV));
    }

    static boolean updateMode(String property, String environment) {
        return isOn(property) || isOn(environment);
    }

    private static boolean isOn(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** The check behind the JsonNode assertions, with update mode passed in (for tests). */
    static void check(Path golden, JsonNode actual, DiffOptions options, boolean update) {
        failIfFailed(GoldenCheck.check(golden, actual, options, update));
    }

    static void failIfFailed(GoldenCheck.Verdict verdict) {
        if (verdict.failed()) {
            Assertions.fail(verdict.message());
        }
    }
}
