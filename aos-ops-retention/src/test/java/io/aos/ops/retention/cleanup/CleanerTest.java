package io.aos.ops.retention.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanerTest {

    @TempDir
    Path tmp;

    @Test
    void asksOncePerDirectoryAndDeletesNothingWhenDeclined() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(9));
        tree.file("b.golden.json", Duration.ofDays(9));
        List<String> asked = new ArrayList<>();

        Cleaner.Report report = new Cleaner(tree.settings(), tree.log()).cleanup(7, false, (dir, count) -> {
            asked.add(dir + ":" + count);
            return false;
        });

        assertThat(asked).containsExactly(tree.golden + ":2");
        assertThat(report.deleted()).isZero();
        assertThat(tree.golden.resolve("a.golden.json")).exists();
        assertThat(tree.console).contains("Skipped " + tree.golden);
    }

    @Test
    void deletesOnlyFilesPastTheCutoffAndTracesWithTheirSignatures() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("old.golden.json", Duration.ofDays(7).plusSeconds(1));
        tree.file("edge.golden.json", Duration.ofDays(7));
        tree.file("t.steps.jsonl", Duration.ofDays(8));
        tree.file("t.steps.jsonl.sig", Duration.ofDays(8));

        Cleaner.Report report = new Cleaner(tree.settings(), tree.log()).cleanup(7, false, Cleaner.FORCED);

        assertThat(report.deleted()).isEqualTo(3);
        assertThat(GoldenTree.contents(tree.golden)).containsOnlyKeys("edge.golden.json");
        assertThat(tree.console).contains("Deleted 3 files from " + tree.golden, "Cleanup complete: 3 files removed");
    }

    @Test
    void dryRunDeletesNothing() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("old.golden.json", Duration.ofDays(9));

        new Cleaner(tree.settings(), tree.log()).cleanup(7, true, (dir, count) -> {
            throw new AssertionError("a dry run never asks");
        });

        assertThat(tree.golden.resolve("old.golden.json")).exists();
        assertThat(tree.console).contains("[DRY-RUN] Would delete 1 files from " + tree.golden);
    }

    @Test
    void aNamedDirectoryThatDoesNotExistIsRefusedBeforeAnythingIsDeleted() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("old.golden.json", Duration.ofDays(9));
        Path missing = tmp.resolve("no-such-golden");
        RetentionSettings both = tree.settings().withDirectories(List.of(tree.golden, missing));

        assertThatThrownBy(() -> new Cleaner(both, tree.log()).cleanup(7, false, Cleaner.FORCED))
                .isInstanceOf(BadConfigurationException.class)
                .hasMessage("golden directory " + missing + " does not exist; nothing was deleted");
        assertThat(tree.golden.resolve("old.golden.json")).exists();
    }
}
