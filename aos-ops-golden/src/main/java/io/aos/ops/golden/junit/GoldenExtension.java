package io.aos.ops.golden.junit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Snapshot testing against golden traces: a test method that declares a {@link GoldenSnapshot} parameter gets one
 * whose golden files are named after the test, and every golden file that did not match in the run is listed in one
 * summary at its end.
 *
 * <pre>{@code
 * @ExtendWith(GoldenExtension.class)
 * class CheckoutTest {
 *     @Test
 *     void checkoutRecordsTheSameSteps(GoldenSnapshot golden) {
 *         golden.assertMatches(engine.runAndRecord("checkout", 12345));   // CheckoutTest/checkoutRecordsTheSameSteps.json
 *     }
 * }
 * }</pre>
 *
 * <p><b>Names.</b> Golden files live in {@code <dir>/<TestClass>/<testMethod>.json} ({@code .jsonl} when the actual
 * trace is a JSONL file), where {@code <dir>} is the configuration parameter {@value #DIRECTORY_PARAMETER} (a
 * system property or a line in {@code junit-platform.properties}), by default {@value #DEFAULT_DIRECTORY} relative to
 * the working directory, which is the module directory under Maven and Gradle. {@code <TestClass>} is the simple
 * name, with enclosing classes joined by dots ({@code Outer.Inner}). Each invocation of a parameterized or repeated
 * test has its own file: {@code <testMethod>[1]}, {@code <testMethod>[2]}, ..., numbered as JUnit numbers the
 * invocations.
 *
 * <p><b>Mismatches.</b> When a trace does not match, the test fails with the classified diff, the golden file is
 * left alone, and the actual trace is written beside it as {@code <golden>.new} for review; accept it by moving it
 * over the golden file. A missing golden file fails the same way: it is created only in update mode. A check that
 * matches removes a stale {@code .new} file. When the run ends, one summary lists every golden file that did not
 * match with its {@code .new} file: on standard error, and also in the file named by the configuration parameter
 * {@value #SUMMARY_PARAMETER} if it is set.
 *
 * <p><b>Update mode</b> ({@code -Daos.golden.update=true}, the configuration parameter of that name, or
 * {@code AOS_GOLDEN_UPDATE=1}) writes or rewrites the golden files instead of comparing and removes their
 * {@code .new} files; review the change in version control.
 *
 * <p>The extension keeps no state of its own between tests and is safe with parallel test execution.
 */
public final class GoldenExtension implements ParameterResolver {

    /** Configuration parameter: the directory golden files live in. */
    public static final String DIRECTORY_PARAMETER = "aos.golden.dir";
    /** Configuration parameter: a file the end-of-run summary of mismatches is also written to. */
    public static final String SUMMARY_PARAMETER = "aos.golden.summary";
    /** Where golden files live unless {@value #DIRECTORY_PARAMETER} says otherwise. */
    public static final String DEFAULT_DIRECTORY = "src/test/resources/golden";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GoldenExtension.class);
    private static final String INVOCATION_SEGMENT = "[test-template-invocation:#";

    /** Creates the extension; JUnit does this for {@code @ExtendWith(GoldenExtension.class)}. */
    public GoldenExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return parameterContext.getParameter().getType() == GoldenSnapshot.class;
    }

    @Override
    public GoldenSnapshot resolveParameter(ParameterContext parameterContext, ExtensionContext context)
            throws ParameterResolutionException {
        Method method = context.getTestMethod().orElseThrow(() -> new ParameterResolutionException(
                "a GoldenSnapshot is named after its test method; declare it as a test method's parameter"));
        Path directory = Path.of(context.getConfigurationParameter(DIRECTORY_PARAMETER).orElse(DEFAULT_DIRECTORY))
                .resolve(className(context.getRequiredTestClass()));
        boolean update = GoldenAssertions.updateMode(
                context.getConfigurationParameter(GoldenAssertions.UPDATE_PROPERTY).orElse(null),
                System.getenv(GoldenAssertions.UPDATE_ENV));
        Summary summary = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Summary.class,
                k -> new Summary(context.getConfigurationParameter(SUMMARY_PARAMETER).map(Path::of), System.err),
                Summary.class);
        return new GoldenSnapshot(directory, method.getName() + invocation(context.getUniqueId()), update,
                summary::add);
    }

    /** {@code Outer.Inner} for a nested class, else the simple name. */
    static String className(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "." + name;
        }
        return name;
    }

    /** {@code [n]} for the n-th invocation of a test template (parameterized, repeated), else empty. */
    static String invocation(String uniqueId) {
        int at = uniqueId.lastIndexOf(INVOCATION_SEGMENT);
        if (at < 0) {
            return "";
        }
        int end = uniqueId.indexOf(']', at + INVOCATION_SEGMENT.length());
        return "[" + uniqueId.substring(at + INVOCATION_SEGMENT.length(), end) + "]";
    }

    /** Every failed check of the run, reported when JUnit closes the root context at the end of the run. */
    static final class Summary implements ExtensionContext.Store.CloseableResource {

        private final Optional<Path> file;
        private final PrintStream console;
        private final List<GoldenCheck.Verdict> failures = new ArrayList<>();

        Summary(Optional<Path> file, PrintStream console) {
            this.file = file;
            this.console = console;
        }

        synchronized void add(GoldenCheck.Verdict verdict) {
            failures.add(verdict);
        }

        @Override
        public synchronized void close() {
            if (failures.isEmpty()) {
                return;
            }
            String text = text(failures);
            console.print(text);
            console.flush();
            file.ifPresent(f -> {
                try {
                    Path parent = f.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(f, text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the golden summary " + f, e);
                }
            });
        }

        static String text(List<GoldenCheck.Verdict> failures) {
            List<GoldenCheck.Verdict> sorted = new ArrayList<>(failures);
            sorted.sort(Comparator.comparing(v -> v.golden().toString()));
            StringBuilder sb = new StringBuilder();
            sb.append(sorted.size()).append(sorted.size() == 1 ? " golden file" : " golden files")
                    .append(" did not match; review each .new file:\n");
            for (GoldenCheck.Verdict v : sorted) {
                sb.append("  ").append(v.outcome() == GoldenCheck.Outcome.MISSING ? "missing   " : "mismatched")
                        .append(' ').append(v.golden()).append("\n             new: ").append(v.pending())
                        .append('\n');
            }
            sb.append("Accept a reviewed file by moving it over its golden file (mv <golden>.new <golden>), or rerun"
                    + " with -D").append(GoldenAssertions.UPDATE_PROPERTY).append("=true to rewrite them all.\n");
            return sb.toString();
        }
    }
}
