package io.aos.ops.golden.junit;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;

/**
 * JUnit 5 assertions against golden files, like snapshot-testing tools: the test fails with the classified diff (root
 * cause and first diverging step first) unless the trace matches its golden file; differences only in fields that are
 * volatile by definition (timestamps, durations, run ids) still match.
 *
 * <p>Update mode writes or rewrites the golden file instead of comparing: run the tests with
 * {@code -Daos.golden.update=true} or with the environment variable {@code AOS_GOLDEN_UPDATE=1}, then review the
 * changed golden files in version control. A golden file named {@code *.jsonl} is written one compact event per line,
 * any other as indented JSON.
 *
 * <p>junit-jupiter-api is an optional dependency of aos-ops-golden: this class needs it on the test class path.
 */
public final class GoldenAssertions {

    /** System property that turns update mode on ({@code true}). */
    public static final String UPDATE_PROPERTY = "aos.golden.update";
    /** Environment variable that turns update mode on ({@code 1} or {@code true}). */
    public static final String UPDATE_ENV = "AOS_GOLDEN_UPDATE";

    private GoldenAssertions() {
    }

    /** Asserts that {@code actual} matches the golden file (or writes it in update mode). */
    public static void assertMatchesGolden(JsonNode actual, Path golden) {
        assertMatchesGolden(actual, golden, DiffOptions.defaults());
    }

    public static void assertMatchesGolden(JsonNode actual, Path golden, DiffOptions options) {
        check(actual, golden, options, updateMode());
    }

    /** Asserts that the trace file {@code actualTrace} (JSONL or JSON) matches the golden file. */
    public static void assertMatchesGolden(Path actualTrace, Path golden) {
        checkNotNull(actualTrace, "actualTrace");
        checkNotNull(golden, "golden");
        if (updateMode() || !Files.exists(golden)) {
            assertMatchesGolden(LoadedGoldenFile.read(actualTrace).tree(), golden, DiffOptions.defaults());
            return;
        }
        // file against file, so an engine trace is never compared with a simulation golden
        DiffResult result = GoldenDiff.compare(golden, actualTrace, DiffOptions.defaults());
        failUnlessMatch(result, golden);
    }

    /** True when {@code -Daos.golden.update=true} or {@code AOS_GOLDEN_UPDATE=1|true}. */
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

    static void check(JsonNode actual, Path golden, DiffOptions options, boolean update) {
        checkNotNull(actual, "actual");
        checkNotNull(golden, "golden");
        if (update) {
            write(actual, golden);
            return;
        }
        if (!Files.exists(golden)) {
            Assertions.fail("golden file " + golden + " does not exist; run the test with -D" + UPDATE_PROPERTY
                    + "=true (or " + UPDATE_ENV + "=1) to create it");
        }
        failUnlessMatch(GoldenDiff.compare(LoadedGoldenFile.read(golden).tree(), actual, options), golden);
    }

    private static void failUnlessMatch(DiffResult result, Path golden) {
        if (!result.matches()) {
            Assertions.fail("trace does not match golden file " + golden + "\n"
                    + DiffReport.text(result, golden.toString(), "actual", false, false)
                    + "If the new behaviour is right, rerun with -D" + UPDATE_PROPERTY + "=true to rewrite the golden "
                    + "file, and review the change.");
        }
    }

    private static void write(JsonNode actual, Path golden) {
        try {
            String text;
            if (golden.getFileName().toString().endsWith(".jsonl") && actual.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode event : actual) {
                    sb.append(OpsJson.mapper().writeValueAsString(event)).append('\n');
                }
                text = sb.toString();
            } else {
                text = OpsJson.pretty().writeValueAsString(actual) + "\n";
            }
            Path parent = golden.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.replace(golden, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write golden file " + golden, e);
        }
    }
}
