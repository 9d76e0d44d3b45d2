package io.aos.ops.retention.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.io.GoldenFileKind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoldenScanner#selectOld(Path, Cutoff, java.util.concurrent.Executor)}, which stats on an executor's threads
 * beside the caller ({@link GoldenTreeWalk}), and {@link GoldenScanner#scan}, against the oracle written out from
 * their contract over the JDK's {@code walkFileTree}: every golden regular file modified before
 * the cutoff, less a trace or signature whose partner is young, sorted by member name; with the same paths, sizes,
 * times and inodes. Random trees: golden and other names, traces with and without their signatures, times on both
 * sides of the cutoff down to the nanosecond, nested and empty subdirectories, a golden-named directory, symbolic
 * links to files and directories.
 */
class GoldenScannerSelectTest {

    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private static final String[] ENDINGS = {".golden.json", ".steps.jsonl", ".steps.jsonl.sig", ".sig", ".json",
        ".jsonl", ".txt", ".json.tmp", ""};

    private static ExecutorService oneThread;
    private static ExecutorService threeThreads;

    @BeforeAll
    static void pools() {
        oneThread = Executors.newFixedThreadPool(1);
        threeThreads = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        oneThread.shutdownNow();
        threeThreads.shutdownNow();
        assertThat(oneThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threeThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyExecutorSelectsWhatTheSequentialScanAndTheRulesSelect(long seed, @TempDir Path tmp) throws IOException {
        Random random = new Random(seed);
        Path root = tmp.resolve("golden");
        randomTree(root, random);
        for (int days : new int[] {0, 1, 3}) {
            Cutoff cutoff = new Cutoff(NOW, days);
            List<ScannedGoldenFile> expected = reference(root, cutoff);
            assertThat(GoldenScanner.selectOld(root, cutoff)).as("calling thread, %d days", days)
                    .containsExactlyElementsOf(expected);
            assertThat(GoldenScanner.selectOld(root, cutoff, oneThread)).as("one thread, %d days", days)
                    .containsExactlyElementsOf(expected);
            assertThat(GoldenScanner.selectOld(root, cutoff, threeThreads)).as("three threads, %d days", days)
                    .containsExactlyElementsOf(expected);
            if (days == 1) {
                assertThat(expected).isNotEmpty();
            }
        }
    }

    @Test
    void aDirectoryNamedThroughALinkIsSelectedFromAsItsTargetWithTheSameMemberNames(@TempDir Path tmp)
            throws IOException {
        Path root = tmp.resolve("golden");
        randomTree(root, new Random(42));
        Path link = Files.createSymbolicLink(tmp.resolve("via-link"), root);
        Cutoff cutoff = new Cutoff(NOW, 1);

        List<ScannedGoldenFile> viaLink = GoldenScanner.selectOld(link, cutoff, threeThreads);

        assertThat(viaLink).isNotEmpty().containsExactlyElementsOf(reference(root, cutoff));
    }

    @Test
    void aMissingDirectoryHasNothingOld(@TempDir Path tmp) throws IOException {
        assertThat(GoldenScanner.selectOld(tmp.resolve("none"), new Cutoff(NOW, 0), threeThreads)).isEmpty();
        Path file = Files.writeString(tmp.resolve("a.golden.json"), "{}");
        assertThat(GoldenScanner.selectOld(file, new Cutoff(NOW, 0), threeThreads)).isEmpty();
    }

    /** The contract, over the JDK's walk of the tree (no link followed) and its attributes. */
    private static List<ScannedGoldenFile> reference(Path dir, Cutoff cutoff) throws IOException {
        List<ScannedGoldenFile> all = new ArrayList<>();
        Path root = dir.toRealPath();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && GoldenFileKind.of(file.getFileName().toString()).isGolden()) {
                    all.add(new ScannedGoldenFile(file, root.relativize(file).toString(), attrs.size(),
                            attrs.lastModifiedTime(), DiskOrder.inodeOf(attrs)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<ScannedGoldenFile> streamed = new ArrayList<>();
        GoldenScanner.scan(dir, true, streamed::add);
        assertThat(streamed).as("GoldenScanner.scan").containsExactlyInAnyOrderElementsOf(all);
        Set<String> young = new HashSet<>();
        for (ScannedGoldenFile f : all) {
            if (!f.modified().toInstant().isBefore(NOW.minus(Duration.ofDays(cutoff.days())))) {
                young.add(f.relative());
            }
        }
        List<ScannedGoldenFile> old = new ArrayList<>();
        for (ScannedGoldenFile f : all) {
            String partner = GoldenFileKind.partnerOf(f.relative());
            if (!young.contains(f.relative()) && (partner == null || !young.contains(partner))) {
                old.add(f);
            }
        }
        old.sort(Comparator.comparing(ScannedGoldenFile::relative));
        return old;
    }

    private static void randomTree(Path root, Random random) throws IOException {
        Files.createDirectories(root);
        List<Path> dirs = new ArrayList<>(List.of(root));
        for (int d = 0; d < 2 + random.nextInt(4); d++) {
            Path parent = dirs.get(random.nextInt(dirs.size()));
            dirs.add(Files.createDirectories(parent.resolve("d" + d + (random.nextInt(5) == 0 ? ".golden.json" : ""))));
        }
        int files = 200 + random.nextInt(2500);
        for (int i = 0; i < files; i++) {
            Path dir = dirs.get(random.nextInt(dirs.size()));
            String ending = ENDINGS[random.nextInt(ENDINGS.length)];
            Path p = Files.write(dir.resolve("f" + i + ending), new byte[random.nextInt(600)]);
            Files.setLastModifiedTime(p, randomTime(random));
            if (ending.equals(".steps.jsonl") && random.nextBoolean()) {
                // its signature, as old as the trace or not
                Path sig = Files.write(dir.resolve("f" + i + ending + ".sig"), new byte[64]);
                Files.setLastModifiedTime(sig, random.nextBoolean() ? Files.getLastModifiedTime(p) : randomTime(random));
            }
        }
        Path target = dirs.get(random.nextInt(dirs.size())).resolve("target.golden.json");
        Files.write(target, new byte[10]);
        Files.setLastModifiedTime(target, FileTime.from(NOW.minus(Duration.ofDays(5))));
        Files.createSymbolicLink(root.resolve("link-to-file.golden.json"), target);
        Files.createSymbolicLink(root.resolve("link-to-dir"), dirs.get(dirs.size() - 1));
    }

    /** Within four days of {@link #NOW}, often within a millisecond of a whole-day cutoff. */
    private static FileTime randomTime(Random random) {
        if (random.nextInt(6) == 0) {
            Instant cutoff = NOW.minus(Duration.ofDays(random.nextInt(4)));
            return FileTime.from(cutoff.plusNanos(random.nextInt(2_000_001) - 1_000_000));
        }
        return FileTime.from(NOW.minusMillis(random.nextLong(Duration.ofDays(4).toMillis())));
    }
}
