package io.aos.ops.bench.corpus;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A directory of golden-sized files for the retention benchmarks: N format (B) {@code .golden.json} files (about
 * 400 bytes each) whose modification times are spread uniformly between {@code now - maxAge} and
 * {@code now - minAge}. File names and contents depend only on the seed; the times are relative to {@code now}.
 *
 * <p>Up to {@code filesPerDir} files go straight into the directory; more are split into subdirectories
 * {@code d0000, d0001, ...} of {@code filesPerDir} each (1,000,000 files in one directory is not what a real golden
 * directory looks like and is slow for every tool, including tar).
 */
public final class GoldenFileCorpus {

    /** What {@link #write} produced. */
    public record GoldenFiles(Path dir, int files, long bytes, int subdirectories, Instant oldest, Instant newest) {
    }

    private GoldenFileCorpus() {
    }

    public static GoldenFiles write(Path dir, int count, long seed, Instant now, Duration minAge, Duration maxAge,
            int filesPerDir) throws IOException {
        checkArgument(count >= 0, "count must be >= 0, got %s", count);
        checkArgument(filesPerDir >= 1, "files per directory must be >= 1, got %s", filesPerDir);
        checkArgument(!minAge.isNegative() && minAge.compareTo(maxAge) <= 0,
                "need 0 <= min age <= max age, got %s and %s", minAge, maxAge);
        CorpusDirs.requireEmptyOrAbsent(dir);
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        long spreadMillis = maxAge.minus(minAge).toMillis();
        boolean split = count > filesPerDir;
        int subdirectories = 0;
        Path target = dir;
        long bytes = 0;
        Instant oldest = null;
        Instant newest = null;
        for (int i = 0; i < count; i++) {
            if (split && i % filesPerDir == 0) {
                target = dir.resolve(String.format("d%04d", i / filesPerDir));
                Files.createDirectory(target);
                subdirectories++;
            }
            ShadowGolden golden = ShadowGolden.random(random, i % 3, i, seed);
            byte[] content = golden.json().getBytes(StandardCharsets.US_ASCII);
            Path file = target.resolve(golden.fileName());
            Files.write(file, content);
            long ageMillis = minAge.toMillis() + (spreadMillis == 0 ? 0 : random.nextLong(spreadMillis + 1));
            Instant mtime = now.minusMillis(ageMillis);
            Files.setLastModifiedTime(file, FileTime.from(mtime));
            bytes += content.length;
            oldest = oldest == null || mtime.isBefore(oldest) ? mtime : oldest;
            newest = newest == null || mtime.isAfter(newest) ? mtime : newest;
        }
        return new GoldenFiles(dir, count, bytes, subdirectories, oldest, newest);
    }
}
