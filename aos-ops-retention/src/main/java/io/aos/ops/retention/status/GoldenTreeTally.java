package io.aos.ops.retention.status;

import io.aos.ops.retention.scan.GoldenTreeWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The totals {@code retention status} prints for one golden directory tree: the golden regular files below it, as
 * {@link GoldenTreeWalk} finds them (one {@code stat} per entry, relative to its open directory, in batches on the
 * caller's {@link Executor} beside the calling thread). The totals are sums, minima and maxima, so the order the
 * batches finish in changes no figure.
 */
final class GoldenTreeTally {

    /** Entries per batch: large enough that a hand-off costs nothing next to its stats. */
    static final int DEFAULT_BATCH = GoldenTreeWalk.DEFAULT_BATCH;

    private GoldenTreeTally() {
    }

    /**
     * The totals of the golden files below {@code dir}; a directory that is missing or gone yields empty totals.
     *
     * @param dir         the directory (it may be named through a symbolic link)
     * @param windowStart files modified at or after this instant, and not after {@code now}, are recent
     * @param now         files modified after this instant are dated in the future: counted apart, not as recent
     * @param block       the filesystem block size the on-disk figure rounds each file up to
     * @param executor    runs batches of stats beside the calling thread ({@code Runnable::run} for none)
     * @param batchSize   entries per batch
     * @return the totals
     * @throws IOException if a directory fails while it is being read
     */
    static Totals scan(Path dir, Instant windowStart, Instant now, long block, Executor executor, int batchSize)
            throws IOException {
        Totals total = new Totals(windowStart, now, block);
        GoldenTreeWalk.walk(dir, executor, batchSize, new GoldenTreeWalk.Visitor<Totals>() {
            @Override
            public Totals newPart() {
                return new Totals(windowStart, now, block);
            }

            @Override
            public void file(Path file, BasicFileAttributes attrs, Totals part) {
                part.add(attrs.size(), attrs.lastModifiedTime());
            }

            @Override
            public void merge(Totals part) {
                total.add(part);
            }
        });
        return total;
    }

    /** The figures of one directory's golden files, as {@link StorageStatus.DirectoryStatus} holds them. */
    static final class Totals {
        private final Instant windowStart;
        private final Instant now;
        private final long block;
        long files;
        long apparentBytes;
        long diskBytes;
        long oldestMillis = Long.MAX_VALUE;
        long newestMillis = Long.MIN_VALUE;
        long recentFiles;
        long recentBytes;
        long futureFiles;

        Totals(Instant windowStart, Instant now, long block) {
            this.windowStart = windowStart;
            this.now = now;
            this.block = block;
        }

        void add(long size, FileTime modified) {
            long millis = modified.toMillis();
            files++;
            apparentBytes += size;
            diskBytes += (size + block - 1) / block * block;
            oldestMillis = Math.min(oldestMillis, millis);
            newestMillis = Math.max(newestMillis, millis);
            Instant at = modified.toInstant();
            if (!at.isBefore(windowStart)) {
                if (at.isAfter(now)) {
                    futureFiles++; // not growth: a clock set wrong, or a copy that kept a future mtime
                } else {
                    recentFiles++;
                    recentBytes += size;
                }
            }
        }

        void add(Totals other) {
            files += other.files;
            apparentBytes += other.apparentBytes;
            diskBytes += other.diskBytes;
            oldestMillis = Math.min(oldestMillis, other.oldestMillis);
            newestMillis = Math.max(newestMillis, other.newestMillis);
            recentFiles += other.recentFiles;
            recentBytes += other.recentBytes;
            futureFiles += other.futureFiles;
        }

        StorageStatus.DirectoryStatus toStatus(Path dir) {
            return new StorageStatus.DirectoryStatus(dir.toString(), true, files, apparentBytes, diskBytes,
                    files == 0 ? null : Instant.ofEpochMilli(oldestMillis),
                    files == 0 ? null : Instant.ofEpochMilli(newestMillis), recentFiles, recentBytes, futureFiles);
        }
    }
}
