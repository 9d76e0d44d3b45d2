package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.cleanup.Cleaner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that can write the golden directory swaps a directory or a file of it for a symbolic link while a
 * retention run works on it: archive and cleanup never read or delete outside the directory. Each case makes the
 * link's target look exactly like the original (same name, size and mtime), so only where the run looks (its open
 * directories) and which file it is (its inode) can tell them apart.
 */
class LinkSwapTest {

    @TempDir
    Path tmp;

    /** A file outside the golden tree that must survive: same relative name, size and mtime as {@code original}. */
    private static Path victimLike(Path outsideDir, Path original, String name) throws IOException {
        Files.createDirectories(outsideDir);
        Path victim = outsideDir.resolve(name);
        String secret = "S".repeat((int) Files.size(original) - 1) + "\n";
        Files.writeString(victim, secret, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(victim, Files.getLastModifiedTime(original));
        return victim;
    }

    private static void swapForLink(Path dir, Path target) {
        try {
            Files.move(dir, dir.resolveSibling(dir.getFileName() + ".moved"));
            Files.createSymbolicLink(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another file (another inode: written beside it and renamed over it, so both exist at once) of the same size and
     * mtime in {@code file}'s place.
     */
    private static void replaceWithLookalike(Path file, long size, FileTime mtime) {
        try {
            Path lookalike = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(lookalike, "D".repeat((int) size - 1) + "\n");
            Files.setLastModifiedTime(lookalike, mtime);
            Files.move(lookalike, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Archiver atPhase(GoldenTree tree, String phase, Runnable action) {
        return new Archiver(tree.settings(), tree.log(), reached -> {
            if (reached.equals(phase)) {
                action.run();
            }
        }, ChecksumFile::create);
    }

    private static Map<String, String> archived(GoldenTree tree) throws IOException {
        Path archive;
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            archive = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        Map<String, String> members = new HashMap<>();
        ArchiveReader.read(archive, ArchiveFormat.GZIP,
                new InMemorySink((name, bytes) -> members.put(name, new String(bytes, StandardCharsets.UTF_8))));
        return members;
    }

    @Test
    void aDirectorySwappedForALinkBeforeTheDeletesSendsNoDeleteOutside() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        Path original = tree.file("w1/x.golden.json", Duration.ofDays(2));
        tree.file("a.golden.json", Duration.ofDays(2));
        Path outside = tmp.resolve("outside");
        Path victim = victimLike(outside, original, "x.golden.json");
        String before = Files.readString(victim);

        ArchiveReport report = atPhase(tree, "renamed", () -> swapForLink(tree.golden.resolve("w1"), outside))
                .archive(1, ArchiveFormat.GZIP, false);

        assertThat(victim).exists().hasContent(before);
        ArchiveReport.DirectoryOutcome outcome = report.directories().get(0);
        assertThat(outcome.removed()).as(String.valueOf(outcome)).isEqualTo(1); // a.golden.json
        assertThat(outcome.kept()).as("the swapped directory's original is kept, not looked for elsewhere")
                .isEqualTo(1);
        assertThat(tree.golden.resolve("w1.moved/x.golden.json")).exists();
    }

    @Test
    void aSameSizeSameMtimeFileInTheOriginalsPlaceIsKept() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        Path original = tree.file("x.golden.json", Duration.ofDays(2));
        FileTime mtime = Files.getLastModifiedTime(original);
        long size = Files.size(original);

        ArchiveReport report = atPhase(tree, "renamed", () -> {
            replaceWithLookalike(original, size, mtime);
        }).archive(1, ArchiveFormat.GZIP, false);

        assertThat(original).exists();
        assertThat(report.directories().get(0).kept()).isEqualTo(1);
        assertThat(report.directories().get(0).removed()).isZero();
    }

    @Test
    void aFileOrDirectorySwappedForALinkBeforeThePackingIsLeftNotRead() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        Path file = tree.file("f.golden.json", Duration.ofDays(2));
        Path inDir = tree.file("w2/y.golden.json", Duration.ofDays(2));
        tree.file("a.golden.json", Duration.ofDays(2));
        Path outside = tmp.resolve("outside");
        Path secretFile = victimLike(outside, file, "f.golden.json");
        Path secretInDir = victimLike(outside, inDir, "y.golden.json");

        ArchiveReport report = atPhase(tree, "scanned", () -> {
            try {
                Files.delete(file);
                Files.createSymbolicLink(file, secretFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            swapForLink(tree.golden.resolve("w2"), outside);
        }).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).as(String.valueOf(report)).isTrue();
        Map<String, String> members = archived(tree);
        assertThat(members).containsOnlyKeys("a.golden.json");
        assertThat(members.values()).noneMatch(body -> body.startsWith("SSS"));
        assertThat(secretFile).exists();
        assertThat(secretInDir).exists();
        assertThat(Files.isSymbolicLink(file)).as("a left file stays").isTrue();
        assertThat(Files.readAllLines(tree.settings().logFile())).anyMatch(l -> l.contains("f.golden.json")
                && l.contains("not a regular file"));
    }

    @Test
    void cleanupSendsNoDeleteThroughADirectorySwappedForALinkAndKeepsAReplacedFile() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        Path inDir = tree.file("w1/x.golden.json", Duration.ofDays(3));
        Path replaced = tree.file("r.golden.json", Duration.ofDays(3));
        tree.file("a.golden.json", Duration.ofDays(3));
        Path outside = tmp.resolve("outside");
        Path victim = victimLike(outside, inDir, "x.golden.json");
        FileTime mtime = Files.getLastModifiedTime(replaced);
        long size = Files.size(replaced);

        Cleaner.Report report = new Cleaner(tree.settings(), tree.log(), Runnable::run).cleanup(1, false,
                (dir, count) -> {
                    // between the selection and the deletes, as long as an operator takes to answer the prompt
                    swapForLink(tree.golden.resolve("w1"), outside);
                    replaceWithLookalike(replaced, size, mtime);
                    return true;
                });

        assertThat(victim).exists();
        assertThat(replaced).as("another file of the same size and mtime is not the one selected").exists();
        assertThat(tree.golden.resolve("a.golden.json")).doesNotExist();
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.ok()).isTrue();
    }
}
