package io.aos.ops.monitor.debug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.hash.GoldenHashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code debug golden} accounts for every entry of the golden directory: a golden file is checked, and one that cannot
 * be (a symbolic link loop, a dangling link, a directory link back to an ancestor) is named with the reason and keeps
 * the verdict from OK, instead of ending the listing early and reporting the files seen so far as all verified.
 */
class GoldenSectionTest {

    @TempDir
    Path tmp;

    @Test
    void symlinkLoopsAreNamedAsNotCheckedAndEveryOtherEntryIsStillChecked() throws Exception {
        Path run = tmp.resolve("shadow_simulation_loops");
        Path golden = Files.createDirectories(run.resolve("golden"));
        for (int i = 0; i < 11; i++) {
            good(golden.resolve("primary-w" + i + ".golden.json"), i);
        }
        Files.createSymbolicLink(golden.resolve("a.golden.json"), golden.resolve("b.golden.json"));
        Files.createSymbolicLink(golden.resolve("b.golden.json"), golden.resolve("a.golden.json"));
        Files.createSymbolicLink(golden.resolve("loop"), golden);
        bad(golden.resolve("zz-primary-w99.golden.json"));

        DebugReport report = golden(run);
        JsonNode json = json(report);

        assertThat(json.path("verified").asLong()).isEqualTo(11);
        assertThat(json.path("not_verifying").asLong()).isEqualTo(1);
        assertThat(json.path("not_checked").asLong()).isEqualTo(3);
        assertThat(json.path("not_checked_entries").toString())
                .contains("a.golden.json", "b.golden.json", "symbolic link loop", "loop: ", "leads back to");
        assertThat(report.goldenEntriesNotChecked()).isEqualTo(3);
        assertThat(report.verdict()).isEqualTo(DebugReport.Verdict.FAILED);
        assertThat(report.render(false)).contains("NOT CHECKED: 3", "zz-primary-w99.golden.json");
    }

    @Test
    void anEntryThatCannotBeCheckedAloneMakesTheVerdictIncompleteNotOk() throws Exception {
        Path run = tmp.resolve("shadow_simulation_dangling");
        Path golden = Files.createDirectories(run.resolve("golden"));
        good(golden.resolve("primary-w1.golden.json"), 1);
        Files.createSymbolicLink(golden.resolve("gone.golden.json"), golden.resolve("removed.golden.json"));

        DebugReport report = golden(run);

        assertThat(json(report).path("not_checked_entries").toString())
                .contains("gone.golden.json", "dangling symbolic link");
        assertThat(report.verdict()).isEqualTo(DebugReport.Verdict.INCOMPLETE);
        assertThat(report.render(false)).contains("Verified:     1 of 1 .golden.json files; 1 entry not checked");
    }

    @Test
    void noGoldenDirectoryIsNotAPass() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("shadow_simulation_nogolden"));

        assertThat(golden(run).verdict()).isEqualTo(DebugReport.Verdict.INCOMPLETE);
    }

    /**
     * Random mixes of good, bad and uncheckable entries; the oracle is what was made: OK iff every entry is a good
     * golden file, FAILED iff any does not verify, else INCOMPLETE; and the counts are the counts made.
     */
    @Test
    void generatedDirectoriesAreOkIffEveryEntryIsGood() throws Exception {
        Random random = new Random(1616);
        for (int round = 0; round < 60; round++) {
            Path run = tmp.resolve("shadow_simulation_" + round);
            Path golden = Files.createDirectories(run.resolve("golden"));
            int good = 0;
            int bad = 0;
            int uncheckable = 0;
            int entries = 1 + random.nextInt(8);
            List<String> made = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                String name = "e" + i;
                switch (random.nextInt(12)) {
                    case 0 -> {
                        Files.writeString(golden.resolve(name + ".golden.json"), "{\"step_hashes\": [");
                        bad++;
                        made.add("unparseable");
                    }
                    case 1 -> {
                        bad(golden.resolve(name + ".golden.json"));
                        bad++;
                        made.add("bad");
                    }
                    case 2 -> {
                        Files.createSymbolicLink(golden.resolve(name + "a.golden.json"),
                                golden.resolve(name + "b.golden.json"));
                        Files.createSymbolicLink(golden.resolve(name + "b.golden.json"),
                                golden.resolve(name + "a.golden.json"));
                        uncheckable += 2;
                        made.add("loop");
                    }
                    case 3 -> {
                        Files.createSymbolicLink(golden.resolve(name + ".golden.json"),
                                golden.resolve(name + "-missing.golden.json"));
                        uncheckable++;
                        made.add("dangling");
                    }
                    case 4 -> {
                        Files.createSymbolicLink(golden.resolve(name), golden);
                        uncheckable++;
                        made.add("dirloop");
                    }
                    case 5 -> {
                        Path outside = Files.createDirectories(run.resolve("outside"));
                        good(outside.resolve(name + ".golden.json"), i);
                        Files.createSymbolicLink(golden.resolve(name + ".golden.json"),
                                outside.resolve(name + ".golden.json"));
                        good++;
                        made.add("link-to-good");
                    }
                    case 6 -> {
                        Path sub = Files.createDirectories(golden.resolve("sub" + i));
                        bad(sub.resolve(name + ".golden.json"));
                        bad++;
                        made.add("bad-in-subdir");
                    }
                    default -> {
                        good(golden.resolve(name + ".golden.json"), i);
                        good++;
                        made.add("good");
                    }
                }
            }
            DebugReport report = golden(run);
            JsonNode json = json(report);
            DebugReport.Verdict expected = bad > 0 ? DebugReport.Verdict.FAILED
                    : uncheckable > 0 ? DebugReport.Verdict.INCOMPLETE : DebugReport.Verdict.OK;

            assertThat(report.verdict()).as("round %d: %s", round, made).isEqualTo(expected);
            assertThat(report.verdict() == DebugReport.Verdict.OK).as("round %d: %s", round, made)
                    .isEqualTo(bad == 0 && uncheckable == 0);
            assertThat(json.path("verified").asLong()).as("round %d: %s", round, made).isEqualTo(good);
            assertThat(json.path("not_verifying").asLong()).as("round %d: %s", round, made).isEqualTo(bad);
            assertThat(json.path("not_checked").asLong()).as("round %d: %s", round, made).isEqualTo(uncheckable);
        }
    }

    private DebugReport golden(Path run) {
        return RunFixtures.console(tmp.resolve("state"), run, Optional.empty()).report(DebugConsole.Section.GOLDEN);
    }

    private static JsonNode json(DebugReport report) throws Exception {
        return OpsJson.mapper().readTree(OpsJson.mapper().writeValueAsString(report.toJson()))
                .path("sections").path("golden");
    }

    private static void good(Path file, int seed) throws Exception {
        List<String> steps = List.of("a".repeat(63) + seed % 10, "b".repeat(64));
        write(file, steps, GoldenHashes.workflowHash(steps));
    }

    private static void bad(Path file) throws Exception {
        write(file, List.of("c".repeat(64)), "0".repeat(64));
    }

    private static void write(Path file, List<String> steps, String workflowHash) throws Exception {
        OpsJson.mapper().writeValue(file.toFile(), java.util.Map.of("run_id", file.getFileName().toString(),
                "step_hashes", steps, "workflow_hash", workflowHash));
    }
}
