package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.restore.Restorer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What archive does when a file, a directory or the disk is not as it should be. */
class ArchiverFailureTest {

    @TempDir
    Path tmp;

    /** An archiver that runs {@code afterScan} once the files were selected and before they are read. */
    private static Archiver withHook(GoldenTree tree, Consumer<String> afterScan) {
        return atPhase(tree, "scanned", afterScan);
    }

    /** An archiver that runs {@code action} when it reaches {@code phase}. */
    private static Archiver atPhase(GoldenTree tree, String phase, Consumer<String> action) {
        return new Archiver(tree.settings(), tree.log(), reached -> {
            if (reached.equals(phase)) {
                action.accept(reached);
            }
        }, ChecksumFile::create);
    }

    private static void replaceWithDirectory(Path file) throws Exception {
        Files.delete(file);
        Files.createDirectory(file);
    }

    private static List<String> logLines(GoldenTree tree) throws Exception {
        return Files.readAllLines(tree.settings().logFile());
    }

    private static Path onlyArchive(GoldenTree tree) throws Exception {
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            List<Path> all = s.filter(p -> ArchiveFormat.ofFileName(p.getFileName().toString()).isPresent()
                    && !p.getFileName().toString().startsWith(".")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    // --- item: one unreadable file must not block the directory ---

    @Test
    void aSignatureThatCannotBeReadIsLeftWithItsTraceAndTheRestIsArchived() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        tree.file("t.steps.jsonl", Duration.ofDays(2));
        Path sig = tree.file("t.steps.jsonl.sig", Duration.ofDays(2));
        tree.file("z.golden.json", Duration.ofDays(2));
        Map<String, String> before = GoldenTree.contents(tree.golden);

        // The signature comes after its trace, which is then already in the tar stream.
        ArchiveReport report = withHook(tree, files -> {
            try {
                replaceWithDirectory(sig);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).as(String.valueOf(report)).isTrue();
        assertThat(tree.golden.resolve("a.golden.json")).doesNotExist();
        assertThat(tree.golden.resolve("z.golden.json")).doesNotExist();
        assertThat(tree.golden.resolve("t.steps.jsonl")).hasContent(before.get("t.steps.jsonl"));
        assertThat(sig).isDirectory();
        assertThat(logLines(tree)).anyMatch(l -> l.contains("Left " + sig + " unarchived: cannot be read: ")
                && l.contains("not a regular file (a directory)"));
        assertThat(logLines(tree)).anyMatch(l -> l.contains("Left " + tree.golden.resolve("t.steps.jsonl")
                + " unarchived: travels with t.steps.jsonl.sig"));
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(onlyArchive(tree));
        assertThat(verified.ok()).as(verified.reason()).isTrue();
        assertThat(verified.manifest()).extracting(Manifest.Entry::path)
                .containsExactly("a.golden.json", "z.golden.json");
    }

    @Test
    void aTraceThatCannotBeReadIsLeftWithItsSignatureAndTheRestIsArchived() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path trace = tree.file("t.steps.jsonl", Duration.ofDays(2));
        Path sig = tree.file("t.steps.jsonl.sig", Duration.ofDays(2));

        ArchiveReport report = withHook(tree, files -> {
            try {
                replaceWithDirectory(trace);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).archive(1, ArchiveFormat.ZSTD, false);

        assertThat(report.ok()).isTrue();
        assertThat(sig).exists();
        assertThat(trace).isDirectory();
        assertThat(tree.golden.resolve("a.golden.json")).doesNotExist();
        assertThat(ArchiveVerifier.verify(onlyArchive(tree)).manifest()).extracting(Manifest.Entry::path)
                .containsExactly("a.golden.json");
    }

    @Test
    void whenNoSelectedFileCanBeReadNoArchiveIsMadeAndNothingIsDeleted() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        Path only = tree.file("a.golden.json", Duration.ofDays(2));

        ArchiveReport report = withHook(tree, files -> {
            try {
                replaceWithDirectory(only);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.directories().get(0).archive()).isNull();
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(logLines(tree)).anyMatch(l -> l.contains("Left " + only + " unarchived: cannot be read"));
    }

    /** The real thing where it can be had: root reads a mode-000 file, so this runs only as another user. */
    @Test
    void aFileWithoutReadPermissionIsLeftWithThePermissionProblemInTheLog() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads mode-000 files");
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path locked = tree.file("b.golden.json", Duration.ofDays(2));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(locked).exists();
        assertThat(logLines(tree)).anyMatch(l -> l.contains("Left " + locked + " unarchived: cannot be read: ")
                && l.contains("Permission denied"));
    }

    // --- item: the lock holds on the real path ---

    @Test
    void aDirectoryLockedUnderItsRealPathIsSkippedWhenNamedThroughASymlink() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), tree.golden);
        RetentionSettings viaAlias = tree.settings().withDirectories(List.of(alias));
        Optional<DirectoryLock> held = DirectoryLock.tryAcquire(viaAlias.workDir(), tree.golden);
        try {
            ArchiveReport report = new Archiver(viaAlias, tree.log()).archive(1, ArchiveFormat.GZIP, false);
            assertThat(report.ok()).isFalse();
            assertThat(report.directories().get(0).problem()).contains("lock");
        } finally {
            held.orElseThrow().close();
        }
        assertThat(tree.golden.resolve("a.golden.json")).exists();
    }

    /**
     * The deletes look each original up relative to its open directory: between the verification and the deletes a
     * file is rewritten (kept), one removed and a whole subdirectory removed (gone, not errors), and every other
     * original, at the top and in nested directories, is deleted.
     */
    @Test
    void originalsChangedOrGoneBeforeTheDeletesAreKeptOrSkippedAndTheRestDeleted() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        tree.file("changed.golden.json", Duration.ofDays(2));
        tree.file("removed.golden.json", Duration.ofDays(2));
        tree.file("w0/b.golden.json", Duration.ofDays(2));
        tree.file("w0/deep/c.golden.json", Duration.ofDays(2));
        tree.file("w1/x.golden.json", Duration.ofDays(2));
        tree.file("w1/y.golden.json", Duration.ofDays(2));
        Archiver archiver = atPhase(tree, "renamed", phase -> {
            try {
                Files.writeString(tree.golden.resolve("changed.golden.json"), "{\"rewritten\":true}\n");
                Files.delete(tree.golden.resolve("removed.golden.json"));
                Files.delete(tree.golden.resolve("w1/x.golden.json"));
                Files.delete(tree.golden.resolve("w1/y.golden.json"));
                Files.delete(tree.golden.resolve("w1"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        ArchiveReport report = archiver.archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).as(String.valueOf(report)).isTrue();
        ArchiveReport.DirectoryOutcome outcome = report.directories().get(0);
        assertThat(outcome.selected()).isEqualTo(7);
        assertThat(outcome.removed()).isEqualTo(3);
        assertThat(outcome.kept()).isEqualTo(1);
        assertThat(GoldenTree.contents(tree.golden)).containsOnlyKeys("changed.golden.json");
        assertThat(tree.golden.resolve("w0")).isDirectory();
    }

    @Test
    void aDirectoryNamedThroughASymlinkIsArchivedLikeTheDirectoryItself() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        tree.file("w1/b.golden.json", Duration.ofDays(2));
        Map<String, String> before = GoldenTree.contents(tree.golden);
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), tree.golden);

        ArchiveReport report = new Archiver(tree.settings().withDirectories(List.of(alias)), tree.log())
                .archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(report.directories().get(0).removed()).isEqualTo(2);
        assertThat(GoldenTree.contents(tree.golden)).isEmpty();
        Path dest = tmp.resolve("restored");
        Restorer.restore(report.directories().get(0).archive(), dest, false);
        assertThat(GoldenTree.contents(dest)).isEqualTo(before);
    }

    // --- item: nothing done is not success ---

    @Test
    void aNamedDirectoryThatDoesNotExistIsAUsageErrorNamingIt() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path typo = tmp.resolve("no/such/dir");
        RetentionSettings settings = RetentionSettings.from(OpsConfig.rootedAt(tmp), List.of(tree.golden, typo),
                tree.clock);

        for (boolean dryRun : new boolean[] {false, true}) {
            assertThatThrownBy(() -> new Archiver(settings, tree.log()).archive(0, ArchiveFormat.GZIP, dryRun))
                    .isInstanceOf(AosOpsException.class)
                    .isInstanceOf(BadConfigurationException.class)
                    .hasMessageContaining(typo.toString()).hasMessageContaining("does not exist");
        }
        assertThat(tree.golden.resolve("a.golden.json")).exists(); // checked before anything was done
    }

    @Test
    void aNamedPathThatIsAFileIsAUsageError() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        Path file = tree.file("a.golden.json", Duration.ofDays(2));
        RetentionSettings settings = tree.settings().withDirectories(List.of(file));
        assertThatThrownBy(() -> new Archiver(settings, tree.log()).archive(0, ArchiveFormat.GZIP, false))
                .isInstanceOf(AosOpsException.class).hasMessageContaining(file + " is not a directory");
    }

    @Test
    void aDefaultDirectoryThatDoesNotExistIsSkippedAndSaidSo() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Path goldenDir = tmp.resolve("var/lib/aos/golden");
        RetentionSettings defaults = RetentionSettings.from(OpsConfig.rootedAt(tmp,
                Map.of("GOLDEN_DIR", goldenDir.toString())), List.of(), tree.clock);
        assertThat(defaults.directories()).contains(goldenDir);

        ArchiveReport report = new Archiver(defaults, tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(tree.golden.resolve("a.golden.json")).doesNotExist();
        assertThat(tree.console).contains(goldenDir + " does not exist; nothing to archive there");
    }

    // --- item: say what is wrong, in the retention log ---

    @Test
    void aDiskFullWhileWritingTheChecksumIsLoggedWithTheReasonAndDeletesNothing() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        tree.file("b.golden.json", Duration.ofDays(2));
        Map<String, String> before = GoldenTree.contents(tree.golden);
        ChecksumFile.Writer full = (archive, sha) -> {
            throw new FileSystemException(ChecksumFile.of(archive).toString(), null, "No space left on device");
        };

        ArchiveReport report = new Archiver(tree.settings(), tree.log(), phase -> { }, full)
                .archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isFalse();
        String problem = report.directories().get(0).problem();
        assertThat(problem).contains(".sha256", "No space left on device", "no file was deleted")
                .doesNotContain("Exception");
        assertThat(GoldenTree.contents(tree.golden)).isEqualTo(before);
        List<String> failed = logLines(tree).stream().filter(l -> l.contains("FAILED")).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).contains(tree.golden.toString(), "No space left on device");
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            assertThat(s.toList()).as("no partial, no archive, no checksum left").isEmpty();
        }
        assertThat(tree.settings().workDir().resolve("journal/" + DirectoryLock.keyOf(tree.golden) + ".journal"))
                .doesNotExist();

        // the next run, with room on the disk, archives everything
        ArchiveReport again = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
        assertThat(again.ok()).isTrue();
        Path dest = tmp.resolve("restored");
        Restorer.restore(again.directories().get(0).archive(), dest, false);
        assertThat(GoldenTree.contents(dest)).isEqualTo(before);
    }

    @Test
    void anArchiveDirectoryThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("a.golden.json", Duration.ofDays(2));
        Files.createDirectories(tree.settings().archiveDir().getParent());
        Files.writeString(tree.settings().archiveDir(), "a file where the archive directory should be");

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.directories().get(0).problem()).contains(tree.settings().archiveDir().toString())
                .doesNotContain("Exception");
        assertThat(logLines(tree)).anyMatch(l -> l.contains("FAILED: ") && l.contains(tree.golden.toString()));
    }
}
