package io.aos.ops.golden.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the sample test classes below through the Jupiter engine, as a build would, and checks the golden files they
 * leave behind. The samples are nested classes, which Surefire does not run on its own.
 */
class GoldenExtensionTest {

    @TempDir
    Path tmp;

    Path goldenDir;
    Path summary;

    @BeforeEach
    void notInUpdateModeFromTheEnvironment() {
        assumeFalse(GoldenAssertions.updateMode(null, System.getenv(GoldenAssertions.UPDATE_ENV)),
                "AOS_GOLDEN_UPDATE is on in this environment");
        goldenDir = tmp.resolve("golden");
        summary = tmp.resolve("summary.txt");
    }

    private static JsonNode json(String text) throws IOException {
        return OpsJson.mapper().readTree(text);
    }

    private EngineExecutionResults run(Class<?> sample, boolean update) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .configurationParameter(GoldenExtension.DIRECTORY_PARAMETER, goldenDir.toString())
                .configurationParameter(GoldenExtension.SUMMARY_PARAMETER, summary.toString())
                .configurationParameter(GoldenAssertions.UPDATE_PROPERTY, Boolean.toString(update))
                .execute();
    }

    private Path dir(Class<?> sample) {
        return goldenDir.resolve("GoldenExtensionTest." + sample.getSimpleName());
    }

    // ---- samples -----------------------------------------------------------------------------------------------

    @ExtendWith(GoldenExtension.class)
    static class Naming {
        @Test
        void checkout(GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":1,\"out\":\"first\"}"));
            golden.assertMatches(json("{\"seed\":1,\"out\":\"second\"}"));
            golden.named("payment").assertMatches(json("{\"seed\":1,\"out\":\"payment\"}"));
        }

        @ParameterizedTest
        @ValueSource(ints = {7, 8})
        void perSeed(int seed, GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":" + seed + "}"));
        }

        @RepeatedTest(2)
        void repeated(GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":3}"));
        }

        @Test
        void traceFile(GoldenSnapshot golden, @TempDir Path dir) throws IOException {
            Path trace = dir.resolve("run.steps.jsonl");
            Files.writeString(trace, "{\"event_type\":\"run_start\",\"data\":{\"seed\":1}}\n");
            golden.assertMatches(trace);
        }
    }

    @ExtendWith(GoldenExtension.class)
    static class TwoOutOfThreeChanged {
        @Test
        void unchanged(GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":1,\"out\":\"same\"}"));
        }

        @Test
        void changed(GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":1,\"out\":\"new\"}"));
        }

        @Test
        void brandNew(GoldenSnapshot golden) throws IOException {
            golden.assertMatches(json("{\"seed\":1,\"out\":\"fresh\"}"));
        }
    }

    private void seedTwoOutOfThree() throws IOException {
        Path d = dir(TwoOutOfThreeChanged.class);
        Files.createDirectories(d);
        Files.writeString(d.resolve("unchanged.json"), "{\"seed\":1,\"out\":\"same\"}\n");
        Files.writeString(d.resolve("changed.json"), "{\"seed\":1,\"out\":\"old\"}\n");
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    void goldenFilesAreNamedAfterTheClassTheMethodAndTheInvocation() throws IOException {
        run(Naming.class, true).testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        Path d = dir(Naming.class);
        try (Stream<Path> files = Files.list(d)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "checkout.json", "checkout-2.json", "checkout-payment.json", "perSeed[1].json", "perSeed[2].json",
                    "repeated[1].json", "repeated[2].json", "traceFile.jsonl");
        }
        assertThat(json(Files.readString(d.resolve("checkout-2.json")))).isEqualTo(json("{\"seed\":1,\"out\":\"second\"}"));
        assertThat(json(Files.readString(d.resolve("perSeed[2].json")))).isEqualTo(json("{\"seed\":8}"));
        assertThat(Files.readAllLines(d.resolve("traceFile.jsonl")))
                .containsExactly("{\"event_type\":\"run_start\",\"data\":{\"seed\":1}}");
        // the same run without update mode now matches every file it wrote
        run(Naming.class, false).testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(summary).doesNotExist();
    }

    @Test
    void aMismatchWritesTheNewFileAndLeavesTheGoldenFileAlone() throws IOException {
        seedTwoOutOfThree();
        Path golden = dir(TwoOutOfThreeChanged.class).resolve("changed.json");
        Path pending = dir(TwoOutOfThreeChanged.class).resolve("changed.json.new");
        EngineExecutionResults results = run(TwoOutOfThreeChanged.class, false);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(2));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("changed"), finishedWithFailure(
                message(m -> m.contains("does not match golden file " + golden)
                        && m.contains("expected: " + golden) && m.contains("actual:   " + pending)
                        && m.contains("DETERMINISM_VIOLATION")))));
        assertThat(Files.readString(golden)).isEqualTo("{\"seed\":1,\"out\":\"old\"}\n");
        assertThat(json(Files.readString(pending))).isEqualTo(json("{\"seed\":1,\"out\":\"new\"}"));
        assertThat(dir(TwoOutOfThreeChanged.class).resolve("unchanged.json.new")).doesNotExist();
    }

    @Test
    void aMissingGoldenFileIsNotCreatedOutsideUpdateModeAndTheMessageSaysHowToAccept() throws IOException {
        seedTwoOutOfThree();
        Path golden = dir(TwoOutOfThreeChanged.class).resolve("brandNew.json");
        Path pending = dir(TwoOutOfThreeChanged.class).resolve("brandNew.json.new");
        run(TwoOutOfThreeChanged.class, false).testEvents().assertThatEvents().haveExactly(1,
                event(test("brandNew"), finishedWithFailure(message(m -> m.contains(golden + " does not exist")
                        && m.contains("mv " + pending + " " + golden) && m.contains("-Daos.golden.update=true")))));
        assertThat(golden).doesNotExist();
        assertThat(json(Files.readString(pending))).isEqualTo(json("{\"seed\":1,\"out\":\"fresh\"}"));
    }

    @Test
    void theEndOfRunSummaryListsEveryMismatchWithItsNewFile() throws IOException {
        seedTwoOutOfThree();
        Path d = dir(TwoOutOfThreeChanged.class);
        run(TwoOutOfThreeChanged.class, false);
        assertThat(Files.readAllLines(summary)).containsExactly(
                "2 golden files did not match; review each .new file:",
                "  missing    " + d.resolve("brandNew.json"),
                "             new: " + d.resolve("brandNew.json.new"),
                "  mismatched " + d.resolve("changed.json"),
                "             new: " + d.resolve("changed.json.new"),
                "Accept a reviewed file by moving it over its golden file (mv <golden>.new <golden>), or rerun with"
                        + " -Daos.golden.update=true to rewrite them all.");
    }

    @Test
    void updateModeOverwritesTheGoldenFilesAndRemovesTheirNewFiles() throws IOException {
        seedTwoOutOfThree();
        Path d = dir(TwoOutOfThreeChanged.class);
        run(TwoOutOfThreeChanged.class, false);
        assertThat(d.resolve("changed.json.new")).exists();
        Files.delete(summary);

        run(TwoOutOfThreeChanged.class, true).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(json(Files.readString(d.resolve("changed.json")))).isEqualTo(json("{\"seed\":1,\"out\":\"new\"}"));
        assertThat(json(Files.readString(d.resolve("brandNew.json")))).isEqualTo(json("{\"seed\":1,\"out\":\"fresh\"}"));
        assertThat(d.resolve("changed.json.new")).doesNotExist();
        assertThat(d.resolve("brandNew.json.new")).doesNotExist();
        assertThat(summary).doesNotExist();
    }

    @Test
    void aStaleNewFileIsRemovedWhenTheGoldenFileMatchesAgain() throws IOException {
        seedTwoOutOfThree();
        Path d = dir(TwoOutOfThreeChanged.class);
        run(TwoOutOfThreeChanged.class, false);
        assertThat(d.resolve("changed.json.new")).exists();
        // the reviewer accepts the change by moving the .new file over the golden file; brandNew's stays pending
        Files.move(d.resolve("changed.json.new"), d.resolve("changed.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(d.resolve("unchanged.json.new"), "{\"left\":\"over\"}\n");

        run(TwoOutOfThreeChanged.class, false).testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        assertThat(d.resolve("unchanged.json.new")).doesNotExist();
        assertThat(d.resolve("changed.json.new")).doesNotExist();
        assertThat(d.resolve("brandNew.json.new")).exists();
    }

    @Test
    void invocationNumbersComeFromTheTemplateInvocationSegment() {
        assertThat(GoldenExtension.invocation("[engine:junit-jupiter]/[class:A]/[test-template:m(int)]"
                + "/[test-template-invocation:#12]")).isEqualTo("[12]");
        assertThat(GoldenExtension.invocation("[engine:junit-jupiter]/[class:A]/[method:m()]")).isEmpty();
        assertThat(GoldenExtension.className(Naming.class)).isEqualTo("GoldenExtensionTest.Naming");
    }
}
