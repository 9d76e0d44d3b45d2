package io.aos.ops.retention.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoffTest {

    private final Cutoff sevenDays = new Cutoff(GoldenTree.NOW, 7);

    private static FileTime agedBy(Duration age) {
        return FileTime.from(GoldenTree.NOW.minus(age));
    }

    @Test
    void aFileExactlyNDaysOldIsKept() {
        assertThat(sevenDays.isOld(agedBy(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void aFileOneMillisecondOlderThanNDaysIsTaken() {
        assertThat(sevenDays.isOld(agedBy(Duration.ofDays(7).plusMillis(1)))).isTrue();
    }

    @Test
    void aFileOneMillisecondYoungerThanNDaysIsKept() {
        assertThat(sevenDays.isOld(agedBy(Duration.ofDays(7).minusMillis(1)))).isFalse();
    }

    @Test
    void zeroDaysTakesEverythingBeforeNowButNothingStampedNowOrLater() {
        Cutoff zero = new Cutoff(GoldenTree.NOW, 0);
        assertThat(zero.isOld(agedBy(Duration.ofMillis(1)))).isTrue();
        assertThat(zero.isOld(agedBy(Duration.ZERO))).isFalse();
        assertThat(zero.isOld(agedBy(Duration.ofMinutes(-5)))).isFalse();
    }

    @Test
    void selectionTakesEveryGoldenKindAndKeepsATraceWithItsSignature(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(3));
        tree.file("run1.steps.jsonl", Duration.ofDays(3));
        tree.file("run1.steps.jsonl.sig", Duration.ofDays(3));
        tree.file("run2.steps.jsonl", Duration.ofDays(3));
        tree.file("run2.steps.jsonl.sig", Duration.ofHours(1)); // signed recently: the pair stays
        tree.file("young.golden.json", Duration.ofHours(1));
        tree.file("notes.txt", Duration.ofDays(3));

        List<String> names = GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1)).stream()
                .map(ScannedGoldenFile::relative).toList();

        assertThat(names).containsExactly("a.golden.json", "run1.steps.jsonl", "run1.steps.jsonl.sig");
    }

    @Test
    void selectionUsesSlashSeparatedNamesRelativeToTheDirectory(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("w0/cycle_1.golden.json", Duration.ofDays(3));

        assertThat(GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1)))
                .extracting(ScannedGoldenFile::relative).containsExactly("w0/cycle_1.golden.json");
    }
}
