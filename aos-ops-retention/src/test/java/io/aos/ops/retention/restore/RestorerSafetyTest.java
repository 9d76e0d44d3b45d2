package io.aos.ops.retention.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.retention.CraftedArchive;
import io.aos.ops.retention.CraftedArchive.Member;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.Archiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Restore writes only what it created, only inside DEST, all or nothing, for any name the file system takes. */
class RestorerSafetyTest {

    @TempDir
    Path tmp;

    private Path crafted(String name, Member... members) throws Exception {
        return CraftedArchive.write(tmp.resolve("archives").resolve(name),
                CraftedArchive.compressed(ArchiveFormat.GZIP, CraftedArchive.tar(List.of(members))));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aFileWhoseNameHasTheFull255BytesRoundTripsThroughArchiveAndRestore(@TempDir Path root) throws Exception {
        GoldenTree tree = new GoldenTree(root);
        String name = "w".repeat(255 - ".golden.json".length()) + ".golden.json";
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(255);
        tree.file(name, Duration.ofDays(3));
        Map<String, String> before = GoldenTree.contents(tree.golden);
        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
        assertThat(report.ok()).isTrue();
        assertThat(tree.golden.resolve(name)).doesNotExist();
        Path archive;
        try (Stream<Path> s = Files.list(tree.settings().archiveDir())) {
            archive = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }

        Restorer.Result r = Restorer.restore(archive, tree.golden, false);

        assertThat(r.restored()).isEqualTo(1);
        assertThat(GoldenTree.contents(tree.golden)).isEqualTo(before);
    }

    @Test
    void aFileNamedLikeAnOldTempNameIsNeitherTruncatedNorCounted() throws Exception {
        Path archive = crafted("t.tgz", Member.file("x.json", "{\"x\":1}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.writeString(dest.resolve(".x.json.restore.tmp"), "someone else's");

        Restorer.Result r = Restorer.restore(archive, dest, false);

        assertThat(r.restored()).isEqualTo(1);
        assertThat(Files.readString(dest.resolve(".x.json.restore.tmp"))).isEqualTo("someone else's");
        assertThat(Files.readString(dest.resolve("x.json"))).isEqualTo("{\"x\":1}");
        assertThat(names(dest)).containsExactly(".x.json.restore.tmp", "x.json");
    }

    @Test
    void aMemberNamedLikeATempNameIsRestoredAsItselfAndTheCountIsWhatIsOnDisk() throws Exception {
        Path archive = crafted("t2.tgz", Member.file(".x.json.restore.tmp", "first"), Member.file("x.json", "second"));
        Path dest = tmp.resolve("dest");

        Restorer.Result r = Restorer.restore(archive, dest, false);

        assertThat(names(dest)).containsExactly(".x.json.restore.tmp", "x.json");
        assertThat(r.restored()).isEqualTo(names(dest).size());
        assertThat(Files.readString(dest.resolve(".x.json.restore.tmp"))).isEqualTo("first");
        assertThat(Files.readString(dest.resolve("x.json"))).isEqualTo("second");
    }

    @Test
    void aMemberThatIsAFileWhereAnotherNeedsADirectoryIsRefusedNamingBothAndNothingIsRestored() throws Exception {
        Path archive = crafted("clash.tgz", Member.file("ok.json", "{}"), Member.file("a", "file"),
                Member.file("a/b.json", "{}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));

        assertThatThrownBy(() -> Restorer.restore(archive, dest, true))
                .isInstanceOf(AosOpsException.class)
                // refused by the verification, which every restore runs first (verify refuses it too)
                .hasMessage(archive + " does not verify (manifest lists 'a' as a file and as the directory of "
                        + "'a/b.json'); nothing restored");
        assertThat(names(dest)).isEmpty();
    }

    @Test
    void aFileInDestWhereADirectoryIsNeededIsRefusedNamingItAndNothingIsRestored() throws Exception {
        Path archive = crafted("clash2.tgz", Member.file("ok.json", "{}"), Member.file("a/b/c.json", "{}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.createDirectories(dest.resolve("a"));
        Files.writeString(dest.resolve("a/b"), "mine");

        assertThatThrownBy(() -> Restorer.restore(archive, dest, true))
                .isInstanceOf(AosOpsException.class)
                .hasMessage("cannot restore " + archive + ": member 'a/b/c.json' needs " + dest.toRealPath()
                        .resolve("a/b") + " to be a directory, but it is a file; nothing restored");
        assertThat(names(dest)).containsExactly("a", "a/b");
        assertThat(Files.readString(dest.resolve("a/b"))).isEqualTo("mine");
    }

    @Test
    void aDirectoryInDestWhereAFileGoesIsRefusedEvenWithForce() throws Exception {
        Path archive = crafted("clash3.tgz", Member.file("ok.json", "{}"), Member.file("d.json", "{}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.createDirectories(dest.resolve("d.json"));

        assertThatThrownBy(() -> Restorer.restore(archive, dest, true))
                .isInstanceOf(AosOpsException.class)
                .hasMessage("cannot restore " + archive + ": member 'd.json' would replace the directory "
                        + dest.toRealPath().resolve("d.json") + "; nothing restored");
        assertThat(names(dest)).containsExactly("d.json");
    }

    @Test
    void aFailureWhileWritingLeavesNothingItCreated() throws Exception {
        // The second member cannot be written: its directory is made read-only after planning would pass.
        // Instead of relying on permissions (tests may run as root), the archive changes between the two reads.
        Path archive = crafted("change.tgz", Member.file("n/one.json", "{\"v\":1}"), Member.file("n/two.json", "{}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Path other = crafted("other.tgz", Member.file("n/one.json", "{\"v\":1}"), Member.file("n/two.json", "{\"x\":2}"));
        AtomicBoolean swapped = new AtomicBoolean();

        assertThatThrownBy(() -> Restorer.restore(archive, dest, false, () -> {
            if (swapped.compareAndSet(false, true)) {
                Files.copy(other, archive, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(other.resolveSibling("other.tgz.sha256"), archive.resolveSibling("change.tgz.sha256"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }, () -> false, false)).isInstanceOf(AosOpsException.class).hasMessageContaining("nothing restored");
        assertThat(swapped).isTrue();
        assertThat(names(dest)).isEmpty();
    }

    /**
     * A concurrent process keeps swapping DEST/sub between a real directory and a symbolic link to a directory
     * outside; whatever restore does (restore, refuse), nothing ever lands outside.
     */
    @Test
    @Timeout(120)
    void aDirectorySwappedForASymlinkWhileRestoringNeverLeadsOutside() throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(Member.file("sub/f" + i + ".json", "{\"i\":" + i + "}"));
            members.add(Member.file("sub/deep/g" + i + ".json", "{\"i\":" + i + "}"));
        }
        Path archive = crafted("race.tgz", members.toArray(Member[]::new));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        List<Path> dests = new ArrayList<>();
        for (int round = 0; round < 64; round++) {
            dests.add(Files.createDirectories(tmp.resolve("dest" + round)));
        }
        AtomicInteger current = new AtomicInteger();
        Thread swapper = new Thread(() -> {
            Random random = new Random(16);
            while (!stop.get()) {
                Path dest = dests.get(current.get());
                Path sub = dest.resolve("sub");
                Path aside = dest.resolve("sub.aside");
                try {
                    if (Files.isDirectory(sub, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(sub, aside);
                        Files.createSymbolicLink(sub, outside);
                    } else {
                        Files.deleteIfExists(sub);
                        if (random.nextBoolean()) {
                            Files.createSymbolicLink(sub, outside);
                        } else if (Files.isDirectory(aside)) {
                            Files.move(aside, sub);
                        }
                    }
                    swaps.incrementAndGet();
                } catch (Exception e) {
                    // the restore created or removed something in between; try again
                }
                Thread.onSpinWait();
            }
        }, "swapper");
        swapper.setDaemon(true);
        swapper.start();
        int restored = 0;
        int refused = 0;
        try {
            for (int round = 0; round < dests.size(); round++) {
                current.set(round);
                try {
                    Restorer.restore(archive, dests.get(round), false);
                    restored++;
                } catch (AosOpsException e) {
                    refused++;
                }
                try (Stream<Path> s = Files.list(outside)) {
                    assertThat(s.toList()).as("round " + round).isEmpty();
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertThat(swaps.get()).isPositive();
        assertThat(restored + refused).isEqualTo(dests.size());
    }

    @Test
    void aDestinationThatCannotBeMadeIsOneLineWithTheReason() throws Exception {
        Path archive = crafted("ok.tgz", Member.file("x.json", "{}"));
        Path file = Files.writeString(tmp.resolve("file"), "a file, not a directory");
        Path dest = file.resolve("dest");

        assertThatThrownBy(() -> Restorer.restore(archive, dest, false, tmp.resolve("work")))
                .isInstanceOf(AosOpsException.class)
                .hasMessage("cannot restore " + archive + " into " + dest + ": " + dest + ": Not a directory; "
                        + "nothing restored");
        assertThatThrownBy(() -> Restorer.restore(archive, dest, false))
                .isInstanceOf(AosOpsException.class)
                .hasMessage("cannot restore " + archive + " into " + dest + ": " + dest + ": Not a directory; "
                        + "nothing restored");
    }

    @Test
    void aFileThatAppearsAfterPlanningIsNeverReplacedAndTheRestIsTakenBack() throws Exception {
        Path archive = crafted("late.tgz", Member.file("a.json", "{\"a\":1}"), Member.file("d/b.json", "{}"),
                Member.file("z.json", "{\"z\":1}"));
        Path dest = Files.createDirectories(tmp.resolve("dest"));

        assertThatThrownBy(() -> Restorer.restore(archive, dest, false,
                () -> Files.writeString(dest.resolve("z.json"), "theirs"), () -> false, false))
                .isInstanceOf(AosOpsException.class)
                .hasMessage("cannot restore " + archive + ": " + dest.toRealPath().resolve("z.json")
                        + " appeared while restoring; not overwritten; nothing restored");
        assertThat(names(dest)).containsExactly("z.json");
        assertThat(Files.readString(dest.resolve("z.json"))).isEqualTo("theirs");
    }
}
