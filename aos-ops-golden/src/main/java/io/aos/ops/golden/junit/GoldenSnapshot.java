package io.aos.ops.golden.junit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.diff.DiffOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The golden files of one test, named after it: a test method receives one as a parameter when its class is
 * extended with {@link GoldenExtension}. See {@link GoldenExtension} for how the files are named and what happens on
 * a mismatch.
 *
 * <p>The first unnamed assertion of a test uses the test's own name; a second and later one add {@code -2},
 * {@code -3}, ..., in call order. {@link #named(String)} gives a snapshot with a name of its own, for a test that
 * checks several traces and wants the files to say which is which.
 *
 * <p>Thread safety: one instance belongs to one test invocation; calls from the threads of one test are safe, but
 * the order of unnamed calls then decides their numbers.
 */
public final class GoldenSnapshot {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]+");

    private final Path directory;
    private final String baseName;
    private final boolean update;
    private final Consumer<GoldenCheck.Verdict> failures;
    private final AtomicInteger unnamedCalls = new AtomicInteger();

    GoldenSnapshot(Path directory, String baseName, boolean update, Consumer<GoldenCheck.Verdict> failures) {
        this.directory = directory;
        this.baseName = baseName;
        this.update = update;
        this.failures = failures;
    }

    /**
     * A snapshot of this test whose golden files are named {@code <test>-<name>}.
     *
     * @param name letters, digits, {@code _ . - [ ]}
     * @return a snapshot of the same test with that name
     * @throws IllegalArgumentException if the name is empty or has other characters
     */
    public GoldenSnapshot named(String name) {
        checkNotNull(name, "name");
        checkArgument(NAME.matcher(name).matches(), "snapshot name %s: use letters, digits, _ . - [ ] only", name);
        return new GoldenSnapshot(directory, baseName + "-" + name, update, failures);
    }

    /**
     * Where the golden files of this test class live.
     *
     * @return {@code <dir>/<TestClass>}
     */
    public Path directory() {
        return directory;
    }

    /**
     * The test's name for its golden files.
     *
     * @return what the first unnamed assertion's golden file is called, before {@code .json} or {@code .jsonl}
     */
    public String baseName() {
        return baseName;
    }

    /**
     * Asserts that the trace {@code actual} matches the golden file {@code <name>.json}, or writes it in update mode.
     *
     * @param actual the trace the test produced
     * @throws org.opentest4j.AssertionFailedError if the trace does not match or the golden file does not exist; the
     *     actual trace is then in {@code <name>.json.new}
     * @throws io.aos.ops.core.AosOpsException if the golden file is not valid JSON (naming the file, line and column)
     */
    public void assertMatches(JsonNode actual) {
        assertMatches(actual, DiffOptions.defaults());
    }

    /**
     * As {@link #assertMatches(JsonNode)}, comparing with {@code options}.
     *
     * @param actual  the trace the test produced
     * @param options identity keys, volatile fields and tolerances of the comparison
     */
    public void assertMatches(JsonNode actual, DiffOptions options) {
        Path golden = directory.resolve(nextName() + ".json");
        report(GoldenCheck.check(golden, actual, options, update));
    }

    /**
     * Asserts that the trace file {@code actualTrace} matches the golden file, or writes the golden file from it in
     * update mode. The golden file is {@code <name>.jsonl} for a JSONL trace (a name ending in {@code .jsonl}) and
     * {@code <name>.json} otherwise; the two are compared as files.
     *
     * @param actualTrace the trace file the test produced
     * @throws org.opentest4j.AssertionFailedError if the trace does not match or the golden file does not exist; the
     *     actual trace is then in the golden file's {@code .new} file
     * @throws io.aos.ops.core.AosOpsException if either file is unreadable or invalid, or the two cannot be compared
     */
    public void assertMatches(Path actualTrace) {
        checkNotNull(actualTrace, "actualTrace");
        String extension = actualTrace.getFileName().toString().endsWith(".jsonl") ? ".jsonl" : ".json";
        Path golden = directory.resolve(nextName() + extension);
        report(GoldenCheck.check(golden, actualTrace, DiffOptions.defaults(), update));
    }

    private String nextName() {
        int n = unnamedCalls.incrementAndGet();
        return n == 1 ? baseName : baseName + "-" + n;
    }

    private void report(GoldenCheck.Verdict verdict) {
        if (verdict.failed()) {
            failures.accept(verdict);
        }
        GoldenAssertions.failIfFailed(verdict);
    }
}
