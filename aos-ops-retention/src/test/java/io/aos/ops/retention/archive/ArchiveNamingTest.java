package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.restore.Restorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive never takes the name of, or replaces, another archive or its {@code .sha256}. */
class ArchiveNamingTest {

    private static final Clock CLOCK = Clock.fixed(GoldenTree.NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private final List<String> console = new ArrayList<>();

    private RetentionSettings settingsFor(Path dir) {
        return RetentionSettings.from(OpsConfig.rootedAt(tmp), List.of(dir), CLOCK);
    }

    private ArchiveReport archive(Path dir) throws Exception {
        return archive(dir, () -> { });
    }

    /**
     * Archives {@code dir}, running {@code meanwhile} when the archive is packed and verified but not yet named: the
     * moment another process archiving another directory at the same second could take the same name.
     */
    private ArchiveReport archive(Path dir, ThrowingRunnable meanwhile) throws Exception {
        RetentionSettings settings = settingsFor(dir);
        return new Archiver(settings, new RetentionLog(settings.logFile(), CLOCK, console::add), phase -> {
            if (phase.equals("verified")) {
                try {
                    meanwhile.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }, ChecksumFile::create).archive(1, ArchiveFormat.GZIP, false);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Map<String, String> fill(Path dir, String tag, int files) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> written = new HashMap<>();
        for (int i = 0; i < files; i++) {
            String name = "w" + i + "/primary-" + i + ".golden.json";
            String body = "{\"host\":\"" + tag + "\",\"i\":" + i + "}\n";
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, body, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(p, FileTime.from(GoldenTree.NOW.minus(Duration.ofDays(2))));
            written.put(name, body);
        }
        return written;
    }

    private List<Path> archives() throws Exception {
        try (Stream<Path> s = Files.list(settingsFor(tmp).archiveDir())) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> ArchiveFormat.ofFileName(p.getFileName().toString()).isPresent()).sorted().toList();
        }
    }

    private Map<String, String> restored(Path archive) throws Exception {
        Path dest = Files.createTempDirectory(tmp, "restored");
        Restorer.restore(archive, dest, false);
        Map<String, String> out = new HashMap<>();
        GoldenTree.contents(dest).forEach((k, v) -> out.put(k.replace('\\', '/'), v));
        return out;
    }

    @Test
    void aLongOrControlCharacterNamedRunDirectoryStillGetsAnArchiveWithAPlainName() throws Exception {
        // a 230-byte run directory name (legal) once made the archive's partial file's name too long at every run;
        // a newline in it split the checksum file's line
        for (String run : List.of("run_" + "x".repeat(230), "run\nwith\u001bnewline", "r\u00e9" + "\u00e9".repeat(120))) {
            Path dir = tmp.resolve(run).resolve("golden");
            Map<String, String> files = fill(dir, "F", 2);
            ArchiveReport report = archive(dir);
            assertThat(report.ok()).as(String.valueOf(report)).isTrue();
            Path archive = report.directories().get(0).archive();
            String name = archive.getFileName().toString();
            assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(160);
            assertThat(name.chars().noneMatch(c -> c < 0x20)).as(name).isTrue();
            assertThat(ArchiveVerifier.verify(archive).ok()).isTrue();
            assertThat(restored(archive)).isEqualTo(files);
        }
    }

    @Test
    void namePartKeepsWholeCharactersWithinItsBytes() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261203L);
        int[] pool = {'a', '-', 0xe9, 0x4e2d, 0x1f600, '\n', 0x1b, 0x85};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(120); n > 0; n--) {
                b.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            String part = Archiver.namePart(b.toString());
            assertThat(part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(Archiver.NAME_PART_BYTES);
            assertThat(part.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))).isTrue();
            assertThat(Character.isHighSurrogate(part.isEmpty() ? 'x' : part.charAt(part.length() - 1))).isFalse();
            String cleaned = b.toString().replaceAll("[\\x00-\\x1f\\x7f\\x80-\\x9f]", "_");
            assertThat(cleaned).startsWith(part);
        }
    }

    @Test
    void twoDirectoriesWhosePathsEndAlikeArchivedInTheSameMinuteGetTwoArchivesAndLoseNoFile() throws Exception {
        Path a = tmp.resolve("x/hostA/run/golden");
        Path b = tmp.resolve("x/hostB/run/golden");
        Map<String, String> filesA = fill(a, "A", 5);
        Map<String, String> filesB = fill(b, "B", 7);

        ArchiveReport[] second = new ArchiveReport[1];
        ArchiveReport first = archive(a, () -> second[0] = archive(b));

        assertThat(first.ok()).isTrue();
        assertThat(second[0].ok()).isTrue();
        Path archiveA = first.directories().get(0).archive();
        Path archiveB = second[0].directories().get(0).archive();
        assertThat(archiveA).isNotEqualTo(archiveB);
        assertThat(archives()).containsExactlyInAnyOrder(archiveA, archiveB);
        assertThat(ArchiveVerifier.verify(archiveA).ok()).isTrue();
        assertThat(ArchiveVerifier.verify(archiveB).ok()).isTrue();
        assertThat(restored(archiveA)).isEqualTo(filesA);
        assertThat(restored(archiveB)).isEqualTo(filesB);
        assertThat(GoldenTree.contents(a)).isEmpty();
        assertThat(GoldenTree.contents(b)).isEmpty();
    }

    @Test
    void aTakenNameIsNeverReplacedAndANewOneIsChosen() throws Exception {
        Path dir = tmp.resolve("x/hostA/run/golden");
        Map<String, String> files = fill(dir, "A", 3);
        RetentionSettings settings = settingsFor(dir);
        ArchiveReport dry = new Archiver(settings, RetentionLog.discarding(CLOCK)).archive(1, ArchiveFormat.GZIP,
                true);
        Path planned = dry.directories().get(0).archive();
        Files.createDirectories(planned.getParent());
        Files.writeString(planned, "someone else's archive");

        ArchiveReport report = archive(dir);

        assertThat(report.ok()).isTrue();
        Path made = report.directories().get(0).archive();
        assertThat(made).isNotEqualTo(planned);
        assertThat(Files.readString(planned)).isEqualTo("someone else's archive");
        assertThat(ArchiveVerifier.verify(made).ok()).isTrue();
        assertThat(restored(made)).isEqualTo(files);
    }

    @Test
    void aTakenChecksumNameIsNeverReplacedEither() throws Exception {
        Path dir = tmp.resolve("x/hostA/run/golden");
        Map<String, String> files = fill(dir, "A", 3);
        ArchiveReport dry = new Archiver(settingsFor(dir), RetentionLog.discarding(CLOCK)).archive(1,
                ArchiveFormat.GZIP, true);
        Path planned = dry.directories().get(0).archive();
        Files.createDirectories(planned.getParent());
        Files.writeString(ChecksumFile.of(planned), "0".repeat(64) + "  " + planned.getFileName() + "\n");

        ArchiveReport report = archive(dir);

        Path made = report.directories().get(0).archive();
        assertThat(made).isNotEqualTo(planned);
        assertThat(planned).doesNotExist();
        assertThat(Files.readString(ChecksumFile.of(planned))).startsWith("0".repeat(64));
        assertThat(ArchiveVerifier.verify(made).ok()).isTrue();
        assertThat(restored(made)).isEqualTo(files);
    }

    /**
     * The name this run planned is taken by some other file after the archive was packed and before it is named
     * (the window in which a rename would replace it): the file is untouched and another name is chosen.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aNameTakenWhileTheArchiveIsPackedIsNotReplaced(boolean takeTheChecksumName) throws Exception {
        Path dir = tmp.resolve("x/hostA/run/golden");
        Map<String, String> files = fill(dir, "A", 3);
        Path archiveDir = settingsFor(dir).archiveDir();
        Path[] blocker = new Path[1];

        ArchiveReport report = archive(dir, () -> {
            try (Stream<Path> s = Files.list(archiveDir)) {
                String partial = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))
                        .findFirst().orElseThrow();
                Path planned = archiveDir.resolve(partial.substring(1, partial.indexOf(".tgz.") + 4));
                blocker[0] = takeTheChecksumName ? ChecksumFile.of(planned) : planned;
                Files.writeString(blocker[0], "another process's file");
            }
        });

        assertThat(report.ok()).isTrue();
        Path made = report.directories().get(0).archive();
        assertThat(made).isNotEqualTo(blocker[0]);
        assertThat(blocker[0]).hasContent("another process's file");
        assertThat(ArchiveVerifier.verify(made).ok()).isTrue();
        assertThat(restored(made)).isEqualTo(files);
        assertThat(GoldenTree.contents(dir)).isEmpty();
    }

    /**
     * Property: any number of directories whose paths end alike, archived in any order at the same clock second,
     * with some of the names they would pick already taken by other files, give one archive each that verifies and
     * gives back exactly that directory's files; no file that was there before is changed.
     */
    @Test
    void directoriesArchivedAtTheSameSecondNeverShareOrReplaceAnArchive() throws Exception {
        Random random = new Random(16);
        for (int round = 0; round < 12; round++) {
            Path base = tmp.resolve("round" + round);
            int dirs = 2 + random.nextInt(3);
            List<Path> paths = new ArrayList<>();
            Map<Path, Map<String, String>> originals = new HashMap<>();
            for (int d = 0; d < dirs; d++) {
                Path dir = base.resolve("host" + d + "/" + (random.nextBoolean() ? "run" : "run/../run") + "/golden");
                paths.add(dir);
                originals.put(dir, fill(dir, round + "-" + d, 1 + random.nextInt(4)));
            }
            Map<Path, String> blockers = new HashMap<>();
            for (Path dir : paths) {
                if (random.nextInt(3) == 0) {
                    Path planned = new Archiver(settingsFor(dir), RetentionLog.discarding(CLOCK))
                            .archive(1, ArchiveFormat.GZIP, true).directories().get(0).archive();
                    Path blocker = random.nextBoolean() ? planned : ChecksumFile.of(planned);
                    Files.createDirectories(blocker.getParent());
                    Files.writeString(blocker, "blocker " + round);
                    blockers.put(blocker, "blocker " + round);
                }
            }
            java.util.Collections.shuffle(paths, random);
            // Each run starts either after the previous one or while it is between packing and naming.
            List<ArchiveReport> reports = new ArrayList<>();
            runChain(paths, 0, random, reports);
            List<Path> made = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                ArchiveReport report = reports.get(i);
                assertThat(report.ok()).isTrue();
                Path archive = report.directories().get(0).archive();
                assertThat(made).doesNotContain(archive);
                made.add(archive);
                assertThat(restored(archive)).as(paths.get(i).toString()).isEqualTo(originals.get(paths.get(i)));
                assertThat(GoldenTree.contents(paths.get(i))).isEmpty();
            }
            for (Path archive : made) {
                assertThat(ArchiveVerifier.verify(archive).ok()).as(archive.toString()).isTrue();
            }
            assertThat(archives()).containsAll(made);
            blockers.forEach((blocker, content) -> {
                try {
                    assertThat(Files.readString(blocker)).isEqualTo(content);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    /** Archives {@code paths[from..]}, each nested into the previous run or after it, at random. */
    private void runChain(List<Path> paths, int from, Random random, List<ArchiveReport> reports) throws Exception {
        if (from == paths.size()) {
            return;
        }
        boolean nested = random.nextBoolean();
        int slot = reports.size();
        reports.add(null);
        ArchiveReport report = archive(paths.get(from), () -> {
            if (nested) {
                runChain(paths, from + 1, random, reports);
            }
        });
        reports.set(slot, report);
        if (!nested) {
            runChain(paths, from + 1, random, reports);
        }
    }
}
