package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.restore.Restorer;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiverTest {

    @TempDir
    Path tmp;

    private GoldenTree treeWithOldAndYoungFiles() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("primary-w0-1.golden.json", Duration.ofDays(2));
        tree.file("run-a.steps.jsonl", Duration.ofDays(2));
        tree.file("run-a.steps.jsonl.sig", Duration.ofDays(2));
        tree.file("w1/cycle_7.json", Duration.ofDays(2));
        tree.file("fresh.golden.json", Duration.ofHours(2));
        return tree;
    }

    private Path onlyArchive(GoldenTree tree) throws Exception {
        try (var s = Files.list(tree.settings().archiveDir())) {
            List<Path> archives = s.filter(p -> ArchiveFormat.ofFileName(p.getFileName().toString()).isPresent())
                    .toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    @Test
    void archiveMovesOldFilesIntoAVerifiedArchiveAndKeepsYoungOnes() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Map<String, String> before = GoldenTree.contents(tree.golden);

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(GoldenTree.contents(tree.golden)).containsOnlyKeys("fresh.golden.json");
        Path archive = onlyArchive(tree);
        assertThat(archive.getFileName().toString())
                .isEqualTo("golden_20261128_030000_shadow_simulation_20261127_010203_"
                        + DirectoryLock.keyOf(tree.golden).substring(0, 8) + ".tgz");
        assertThat(ChecksumFile.of(archive)).exists();
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(archive);
        assertThat(verified.ok()).as(verified.reason()).isTrue();
        assertThat(verified.files()).isEqualTo(4);
        assertThat(verified.manifest()).extracting(Manifest.Entry::path).containsExactly(
                "primary-w0-1.golden.json", "run-a.steps.jsonl", "run-a.steps.jsonl.sig", "w1/cycle_7.json");
        assertThat(report.directories().get(0).removed()).isEqualTo(4);
        assertThat(tree.console).contains("Archive complete");
        assertThat(Files.readString(tree.settings().logFile())).contains("] Removed 4 archived files from ")
                .doesNotContain("\u001b[");
        assertThat(before).containsKey("fresh.golden.json");
    }

    @Test
    void thousandsOfFilesAreReadByManyReadersInNameOrderAndDeletedByManyThreads() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        int count = 3_000; // 47 read-ahead batches, 12 delete batches over the delete threads
        for (int i = 0; i < count; i++) {
            tree.file("w" + i % 3 + "/primary-" + i + ".golden.json", Duration.ofDays(2));
        }
        tree.file("w0/fresh.golden.json", Duration.ofHours(2));
        Map<String, String> before = GoldenTree.contents(tree.golden);

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.ZSTD, false);

        assertThat(report.ok()).isTrue();
        assertThat(report.directories().get(0).removed()).isEqualTo(count);
        assertThat(GoldenTree.contents(tree.golden)).containsOnlyKeys("w0/fresh.golden.json");
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(onlyArchive(tree));
        assertThat(verified.ok()).isTrue();
        List<String> names = verified.manifest().stream().map(Manifest.Entry::path).toList();
        assertThat(names).hasSize(count).isSorted();
        Path dest = tmp.resolve("restored");
        Restorer.restore(onlyArchive(tree), dest, false);
        before.remove("w0/fresh.golden.json");
        assertThat(GoldenTree.contents(dest)).isEqualTo(before);
    }

    @Test
    void aFileNoArchiveCouldHoldIsLeftWithItsSignatureAndTheRestIsArchived() throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("primary-w0-1.golden.json", Duration.ofDays(2));
        Path huge = tree.file("huge.steps.jsonl", Duration.ofDays(2));
        tree.file("huge.steps.jsonl.sig", Duration.ofDays(2));
        tree.file("odd\\name.json", Duration.ofDays(2));
        FileTime old = Files.getLastModifiedTime(huge);
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(ArchiveReader.MAX_MEMBER_BYTES + 1); // sparse: no GiB written
        }
        Files.setLastModifiedTime(huge, old);

        new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, true);
        assertThat(tree.console).anyMatch(l -> l.startsWith("[DRY-RUN] Would leave ")
                && l.contains("huge.steps.jsonl unarchived: 1073741825 bytes"));
        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(report.directories().get(0).removed()).isEqualTo(1);
        try (var s = Files.list(tree.golden)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("huge.steps.jsonl",
                    "huge.steps.jsonl.sig", "odd\\name.json");
        }
        assertThat(tree.console).anyMatch(l -> l.contains("huge.steps.jsonl.sig unarchived: travels with "
                + "huge.steps.jsonl"));
        assertThat(tree.console).anyMatch(l -> l.contains("name.json unarchived: member name with a backslash"));
        assertThat(ArchiveVerifier.verify(onlyArchive(tree)).files()).isEqualTo(1);
    }

    @Test
    void restorePutsEveryFileBackUnderItsRelativeNameWithItsModificationTime() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Map<String, String> before = GoldenTree.contents(tree.golden);
        long mtime = Files.getLastModifiedTime(tree.golden.resolve("w1/cycle_7.json")).toMillis();
        new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.ZSTD, false);
        Path dest = tmp.resolve("restored");

        Restorer.Result result = Restorer.restore(onlyArchive(tree), dest, false);

        assertThat(result.restored()).isEqualTo(4);
        before.remove("fresh.golden.json");
        assertThat(GoldenTree.contents(dest)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(dest.resolve("w1/cycle_7.json")).toMillis()).isEqualTo(mtime);
    }

    @Test
    void dryRunListsEachFileWithItsAgeAndChangesNothing() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Map<String, String> before = GoldenTree.contents(tree.root);

        new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, true);

        assertThat(GoldenTree.contents(tree.root)).isEqualTo(before);
        assertThat(tree.console).contains("  run-a.steps.jsonl.sig  age 2d 00:00:00  " + 
                Files.size(tree.golden.resolve("run-a.steps.jsonl.sig")) + " B");
        assertThat(tree.console).anyMatch(l -> l.startsWith("[DRY-RUN] Would archive 4 files from " + tree.golden));
    }

    @Test
    void packingTheSameFilesTwiceGivesTheSameBytes() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        var files = GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1));
        TarPacker.Packed first = TarPacker.pack(tmp.resolve("a.tgz"), ArchiveFormat.GZIP, files, true);
        // Reading the files again changes their atime; the archive must not care.
        for (var f : files) {
            Files.readAllBytes(f.path());
        }
        TarPacker.Packed second = TarPacker.pack(tmp.resolve("b.tgz"), ArchiveFormat.GZIP, files, true);

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(Files.readAllBytes(tmp.resolve("b.tgz"))).isEqualTo(Files.readAllBytes(tmp.resolve("a.tgz")));
    }

    @Test
    void tarEntriesCarryNoPaxRecordsAndFixedOwnership() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        var files = GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1));
        TarPacker.pack(tmp.resolve("a.tgz"), ArchiveFormat.GZIP, files, true);

        try (InputStream in = ArchiveFormat.GZIP.decompress(Files.newInputStream(tmp.resolve("a.tgz")));
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
            var entry = tar.getNextEntry();
            assertThat(entry.getExtraPaxHeaders()).isEmpty();
            assertThat(entry.getUserName()).isEmpty();
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLastModifiedTime().toMillis() % 1000).isZero();
        }
    }

    @Test
    void aDirectoryLockedByAnotherRunIsSkippedAndNothingIsDeleted() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Map<String, String> before = GoldenTree.contents(tree.golden);
        Optional<DirectoryLock> held = DirectoryLock.tryAcquire(tree.settings().workDir(), tree.golden);
        assertThat(held).isPresent();
        try {
            ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
            assertThat(report.ok()).isFalse();
            assertThat(report.directories().get(0).problem()).contains("lock");
        } finally {
            held.get().close();
        }
        assertThat(GoldenTree.contents(tree.golden)).isEqualTo(before);
    }

    @Test
    void aFileChangedAfterPackingIsNotDeleted() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Path archive = tmp.resolve("x.tgz");
        var files = GoldenScanner.selectOld(tree.golden, new Cutoff(GoldenTree.NOW, 1));
        TarPacker.pack(archive, ArchiveFormat.GZIP, files, true);
        ChecksumFile.write(archive, sha(archive));
        Path changed = tree.file("primary-w0-1.golden.json", Duration.ofDays(2).minusSeconds(5));
        Files.writeString(changed, "rewritten");
        new DeleteJournal(tree.golden, archive).write(
                DeleteJournal.fileFor(tree.settings().workDir(), DirectoryLock.keyOf(tree.golden)));

        new Archiver(tree.settings(), tree.log()).archive(30, ArchiveFormat.GZIP, false);

        assertThat(changed).exists();
        assertThat(tree.golden.resolve("run-a.steps.jsonl")).doesNotExist();
        assertThat(tree.console).anyMatch(l -> l.startsWith("Resumed interrupted archive x.tgz: removed 3"));
    }

    /**
     * A journal of a directory that is gone: removed when its archive got its final name (its work is done) or was
     * never made (nothing to finish), kept while its archive is only a partial file (the record of what the partial
     * was to become); a journal of a directory that exists is left to that directory's run.
     */
    @Test
    void aJournalOfAGoneDirectoryIsRemovedOnlyWhenItsWorkIsDoneOrMoot() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Path workDir = tree.settings().workDir();
        Path archiveDir = Files.createDirectories(tree.settings().archiveDir());
        Path done = journalOf(workDir, tmp.resolve("gone-done/golden"), archiveDir.resolve("done.tgz"));
        Files.writeString(archiveDir.resolve("done.tgz"), "an archive");
        Path neverMade = journalOf(workDir, tmp.resolve("gone-never/golden"), archiveDir.resolve("never.tgz"));
        Path unfinished = journalOf(workDir, tmp.resolve("gone-partial/golden"), archiveDir.resolve("part.tgz"));
        Path partial = Files.writeString(Archiver.partialOf(archiveDir.resolve("part.tgz"),
                unfinished.getFileName().toString().replace(".journal", "")), "the only copy");
        Path alive = Files.createDirectories(tmp.resolve("alive/golden"));
        Path aliveJournal = journalOf(workDir, alive, archiveDir.resolve("alive.tgz"));

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        assertThat(done).doesNotExist();
        assertThat(neverMade).doesNotExist();
        assertThat(unfinished).exists();
        assertThat(partial).hasContent("the only copy");
        assertThat(aliveJournal).exists();
        assertThat(tree.console).contains(
                "Removed the delete journal of " + tmp.resolve("gone-done/golden") + ": the directory no longer "
                        + "exists, and done.tgz holds what was archived from it",
                "Removed the delete journal of " + tmp.resolve("gone-never/golden") + ": the directory no longer "
                        + "exists, and its archive never.tgz was never made",
                "Kept the delete journal of " + tmp.resolve("gone-partial/golden") + " (" + unfinished + "): the "
                        + "directory no longer exists, but its archive was never finished; " + partial
                        + " holds its files");
        assertThat(tree.golden.resolve("run-a.steps.jsonl")).doesNotExist(); // the run itself went on as usual
    }

    @Test
    void aDryRunLeavesAStaleJournal() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Path journal = journalOf(tree.settings().workDir(), tmp.resolve("gone/golden"),
                tree.settings().archiveDir().resolve("never.tgz"));

        new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, true);

        assertThat(journal).exists();
    }

    private static Path journalOf(Path workDir, Path dir, Path archive) throws Exception {
        Path file = DeleteJournal.fileFor(workDir, DirectoryLock.keyOf(dir));
        Files.createDirectories(file.getParent());
        new DeleteJournal(dir, archive).write(file);
        return file;
    }

    @Test
    void anArchiveThatCannotBeWrittenDeletesNothingAndSaysWhy() throws Exception {
        GoldenTree tree = treeWithOldAndYoungFiles();
        Map<String, String> before = GoldenTree.contents(tree.golden);
        Files.createDirectories(tree.settings().archiveDir().getParent());
        Files.writeString(tree.settings().archiveDir(), "a file where the archive directory should be");

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isFalse();
        assertThat(report.directories().get(0).problem()).contains("failed", "no file was deleted");
        assertThat(GoldenTree.contents(tree.golden)).isEqualTo(before);
    }

    static String sha(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
