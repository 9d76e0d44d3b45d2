package io.aos.ops.retention.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.RetentionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched, multi-threaded tally against a plain reference scan ({@code Files.walk} plus one
 * {@code readAttributes} per file, the rules written out again) over random trees: golden and other names, sizes
 * on both sides of a block, modification times on both sides of the growth window down to the nanosecond, symbolic
 * links to files and directories, golden-named directories, nested and empty subdirectories.
 */
class GoldenTreeTallyTest {

    private static final long BLOCK = 4096;
    /** Not on a whole millisecond, as a real clock's is not: a file in the same millisecond just before it is old. */
    private static final Instant WINDOW_START = GoldenTree.NOW.minus(Duration.ofHours(StatusScanner.GROWTH_WINDOW_HOURS))
            .plusNanos(250_500);
    private static final String[] ENDINGS = {".golden.json", ".steps.jsonl", ".steps.jsonl.sig", ".sig", ".json",
        ".jsonl", ".txt", ".JSON", ".json.tmp", "", ".golden.json.bak"};

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
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void everyExecutorAndBatchSizeGivesTheFiguresOfAPlainWalk(long seed, @TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("golden");
        randomTree(root, new Random(seed));
        StorageStatus.DirectoryStatus expected = reference(root);

        for (int batch : new int[] {1, 3, 64, GoldenTreeTally.DEFAULT_BATCH}) {
            assertThat(tally(root, Runnable::run, batch)).as("direct, batch %d", batch).isEqualTo(expected);
            assertThat(tally(root, oneThread, batch)).as("one thread, batch %d", batch).isEqualTo(expected);
            assertThat(tally(root, threeThreads, batch)).as("three threads, batch %d", batch).isEqualTo(expected);
        }
    }

    @Test
    void aDirectoryNamedThroughALinkIsScannedAsItsTarget(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("golden");
        randomTree(root, new Random(99));
        Path link = Files.createSymbolicLink(tmp.resolve("via-link"), root);

        StorageStatus.DirectoryStatus viaLink = tally(link, threeThreads, 8);

        StorageStatus.DirectoryStatus direct = reference(root);
        assertThat(viaLink.files()).isPositive();
        assertThat(viaLink).usingRecursiveComparison().ignoringFields("path").isEqualTo(direct);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @Timeout(60)
    void filesAndDirectoriesVanishingMidScanAreSkippedAndEverySurvivorCounted(long seed, @TempDir Path tmp)
            throws Exception {
        Random random = new Random(seed);
        Path root = tmp.resolve("golden");
        List<Path> kept = new ArrayList<>();
        List<Path> doomed = new ArrayList<>();
        List<Path> doomedDirs = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            boolean dirDoomed = d % 3 == 2; // emptied and removed while the scan may be reading it
            if (dirDoomed) {
                doomedDirs.add(dir);
            }
            for (int i = 0; i < 700; i++) {
                Path p = Files.write(dir.resolve("f" + i + ".golden.json"), new byte[100]);
                Files.setLastModifiedTime(p, randomTime(random));
                (dirDoomed || random.nextBoolean() ? doomed : kept).add(p);
            }
        }
        Collections.shuffle(doomed, random);
        StorageStatus.DirectoryStatus all = reference(root);
        long keptFiles = kept.size();

        Thread deleter = new Thread(() -> {
            try {
                for (Path p : doomed) {
                    Files.deleteIfExists(p);
                }
                for (Path dir : doomedDirs) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        deleter.start();
        StorageStatus.DirectoryStatus during = tally(root, threeThreads, 1 + random.nextInt(64));
        deleter.join();

        assertThat(during.files()).isBetween(keptFiles, all.files());
        assertThat(during.apparentBytes()).isEqualTo(100 * during.files());
        assertThat(during.diskBytes()).isEqualTo(BLOCK * during.files());
        assertThat(during.recentFiles()).isBetween(0L, all.recentFiles());
        assertThat(tally(root, threeThreads, 64)).isEqualTo(reference(root)); // and once it is quiet, exactly
        assertThat(reference(root).files()).isEqualTo(keptFiles);
    }

    @Test
    void aSubdirectoryThatCannotBeOpenedIsSkipped(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("golden");
        randomTree(root, new Random(7));
        StorageStatus.DirectoryStatus expected = reference(root);
        Path locked = Files.createDirectory(root.resolve("locked"));
        Files.write(locked.resolve("hidden.golden.json"), new byte[10]);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "root reads every directory");
            for (int batch : new int[] {1, 64}) {
                assertThat(tally(root, Runnable::run, batch)).isEqualTo(expected);
                assertThat(tally(root, threeThreads, batch)).isEqualTo(expected);
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDirectoryOfManyBatchesIsCountedWhateverThreadStatsEachBatch(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("golden"));
        Random random = new Random(11);
        for (int i = 0; i < 3000; i++) {
            Path p = Files.write(root.resolve("f" + i + ENDINGS[random.nextInt(ENDINGS.length)]),
                    new byte[random.nextInt(3 * (int) BLOCK)]);
            Files.setLastModifiedTime(p, randomTime(random));
        }
        Files.createDirectory(root.resolve("sub.golden.json"));
        Files.write(root.resolve("sub.golden.json").resolve("inner.sig"), new byte[5]);
        StorageStatus.DirectoryStatus expected = reference(root);

        for (int batch : new int[] {1, 7, 100, GoldenTreeTally.DEFAULT_BATCH}) {
            assertThat(tally(root, oneThread, batch)).as("one thread, batch %d", batch).isEqualTo(expected);
            assertThat(tally(root, threeThreads, batch)).as("three threads, batch %d", batch).isEqualTo(expected);
        }
    }

    @Test
    void aMissingDirectoryHasNoFiles(@TempDir Path tmp) throws IOException {
        GoldenTreeTally.Totals totals = GoldenTreeTally.scan(tmp.resolve("none"), WINDOW_START, GoldenTree.NOW,
                BLOCK, threeThreads, 4);
        assertThat(totals.files).isZero();
        assertThat(totals.toStatus(tmp).oldest()).isNull();
    }

    @Test
    void theScannerGivesTheSameStatusWithAndWithoutAnExecutor(@TempDir Path tmp) throws IOException {
        GoldenTree tree = new GoldenTree(tmp);
        randomTree(tree.golden, new Random(5));
        Path other = tmp.resolve("traces");
        randomTree(other, new Random(6));
        RetentionSettings settings = tree.settings().withDirectories(List.of(tree.golden, other));

        StorageStatus alone = new StatusScanner(settings).status();
        StorageStatus helped = new StatusScanner(settings, threeThreads).status();

        assertThat(helped.directories()).isEqualTo(alone.directories());
        Instant windowStart = GoldenTree.NOW.minus(Duration.ofHours(StatusScanner.GROWTH_WINDOW_HOURS));
        assertThat(helped.directories().get(0)).isEqualTo(reference(tree.golden, windowStart));
        assertThat(helped.directories().get(1)).isEqualTo(reference(other, windowStart));
        assertThat(helped.archive()).isEqualTo(alone.archive());
        assertThat(helped.filesystems()).extracting(StorageStatus.FilesystemStatus::growthBytesPerHour)
                .isEqualTo(alone.filesystems().stream().map(StorageStatus.FilesystemStatus::growthBytesPerHour)
                        .toList());
    }

    private static StorageStatus.DirectoryStatus tally(Path dir, java.util.concurrent.Executor executor, int batch)
            throws IOException {
        return GoldenTreeTally.scan(dir, WINDOW_START, GoldenTree.NOW, BLOCK, executor, batch).toStatus(dir);
    }

    /** The figures written out plainly: every entry below the real path, its own attributes, the rules again. */
    private static StorageStatus.DirectoryStatus reference(Path dir) throws IOException {
        return reference(dir, WINDOW_START);
    }

    private static StorageStatus.DirectoryStatus reference(Path dir, Instant windowStart) throws IOException {
        Path root = dir.toRealPath();
        List<BasicFileAttributes> golden = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!p.equals(root) && a.isRegularFile() && GoldenFileKind.of(p.getFileName().toString()).isGolden()) {
                    golden.add(a);
                }
            }
        }
        long apparent = 0;
        long disk = 0;
        long recentFiles = 0;
        long recentBytes = 0;
        long futureFiles = 0;
        for (BasicFileAttributes a : golden) {
            apparent += a.size();
            disk += BLOCK * ((a.size() + BLOCK - 1) / BLOCK);
            Instant t = a.lastModifiedTime().toInstant();
            if (t.compareTo(GoldenTree.NOW) > 0) {
                futureFiles++;
            } else if (t.compareTo(windowStart) >= 0) {
                recentFiles++;
                recentBytes += a.size();
            }
        }
        Instant oldest = golden.stream().map(a -> a.lastModifiedTime().toInstant()).min(Comparator.naturalOrder())
                .map(t -> Instant.ofEpochMilli(t.toEpochMilli())).orElse(null);
        Instant newest = golden.stream().map(a -> a.lastModifiedTime().toInstant()).max(Comparator.naturalOrder())
                .map(t -> Instant.ofEpochMilli(t.toEpochMilli())).orElse(null);
        return new StorageStatus.DirectoryStatus(dir.toString(), true, golden.size(), apparent, disk, oldest, newest,
                recentFiles, recentBytes, futureFiles);
    }

    /** A random tree below {@code root}: files, links and directories, a few levels deep. */
    private static void randomTree(Path root, Random random) throws IOException {
        Files.createDirectories(root);
        List<Path> dirs = new ArrayList<>(List.of(root));
        List<Path> files = new ArrayList<>();
        int entries = 50 + random.nextInt(400);
        for (int i = 0; i < entries; i++) {
            Path parent = dirs.get(random.nextInt(dirs.size()));
            String name = (random.nextInt(10) == 0 ? "." : "") + "e" + i + ENDINGS[random.nextInt(ENDINGS.length)];
            Path p = parent.resolve(name);
            int what = random.nextInt(20);
            if (what < 2) {
                dirs.add(Files.createDirectory(p)); // golden-named directories too: never counted
            } else if (what == 2 && !files.isEmpty()) {
                Files.createSymbolicLink(p, files.get(random.nextInt(files.size())));
            } else if (what == 3) {
                Files.createSymbolicLink(p, dirs.get(random.nextInt(dirs.size())));
            } else if (what == 4) {
                Files.createSymbolicLink(p, parent.resolve("nowhere"));
            } else {
                int size = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> (int) BLOCK + random.nextInt(3) - 1;
                    default -> random.nextInt(3 * (int) BLOCK);
                };
                byte[] body = new byte[size];
                random.nextBytes(body);
                Files.write(p, body);
                Files.setLastModifiedTime(p, randomTime(random));
                files.add(p);
            }
        }
    }

    /**
     * Times across 30 days; a quarter within a second of the window's start, to the nanosecond; some exactly at it
     * (recent) or in its millisecond just before it (not recent); some at now (recent) or after it, by a nanosecond
     * to two days (in the future, not recent).
     */
    private static FileTime randomTime(Random random) {
        Instant t = switch (random.nextInt(10)) {
            case 0, 1 -> WINDOW_START.plusNanos(random.nextInt(2_000_000_001) - 1_000_000_000L);
            case 2 -> WINDOW_START;
            case 3 -> WINDOW_START.minusNanos(1 + random.nextInt(250_500));
            case 4 -> random.nextBoolean() ? GoldenTree.NOW : GoldenTree.NOW.plusNanos(1 + random.nextInt(1000));
            case 5 -> GoldenTree.NOW.plusSeconds(1 + random.nextInt(2 * 86_400));
            default -> GoldenTree.NOW.minusSeconds(random.nextInt(30 * 86_400));
        };
        return FileTime.from(t);
    }
}
