package io.aos.ops.retention.status;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.archive.ArchiveFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Builds a {@link StorageStatus} by streaming each directory once (constant memory, whatever the file count), with
 * one {@code stat} per entry (the figures need each file's size and modification time). Public API. Thread-safe: it
 * only reads.
 */
public final class StatusScanner {

    /** Growth is measured over the files modified in this many hours before now. */
    public static final int GROWTH_WINDOW_HOURS = 6;

    private final RetentionSettings settings;
    private final Executor executor;

    /**
     * A scanner of the directories of {@code settings} that does all its work on the calling thread.
     *
     * @param settings the directories, the archive directory and the clock
     */
    public StatusScanner(RetentionSettings settings) {
        this(settings, Runnable::run);
    }

    /**
     * A scanner of the directories of {@code settings} that reads each directory's names on the calling thread and
     * hands batches of them to {@code executor} to {@code stat}, a few at a time (the calling thread stats a batch
     * itself when enough are out). The figures are the same whatever the executor: a status of a directory of a
     * million files is a million {@code stat} calls, and an executor with a thread per spare core runs them on every
     * core.
     *
     * @param settings the directories, the archive directory and the clock
     * @param executor runs batches of stats; {@code Runnable::run} for none. The scanner never shuts it down
     */
    public StatusScanner(RetentionSettings settings, Executor executor) {
        this.settings = checkNotNull(settings, "settings");
        this.executor = checkNotNull(executor, "executor");
    }

    /**
     * Scans every watched directory and the archive directory once.
     *
     * @return the picture
     * @throws IOException if a directory or the archive directory cannot be read
     */
    public StorageStatus status() throws IOException {
        Instant now = settings.clock().instant();
        Instant windowStart = now.minus(Duration.ofHours(GROWTH_WINDOW_HOURS));
        List<StorageStatus.DirectoryStatus> dirs = new ArrayList<>();
        Map<FileStore, List<Path>> stores = new LinkedHashMap<>();
        Map<FileStore, long[]> recentBytes = new LinkedHashMap<>();
        for (Path dir : settings.directories()) {
            if (!Files.isDirectory(dir)) {
                dirs.add(new StorageStatus.DirectoryStatus(dir.toString(), false, 0, 0, 0, null, null, 0, 0, 0));
                continue;
            }
            FileStore store = Files.getFileStore(dir);
            GoldenTreeTally.Totals totals = GoldenTreeTally.scan(dir, windowStart, now, blockSize(store), executor,
                    GoldenTreeTally.DEFAULT_BATCH);
            dirs.add(totals.toStatus(dir));
            stores.computeIfAbsent(store, s -> new ArrayList<>()).add(dir);
            recentBytes.computeIfAbsent(store, s -> new long[1])[0] += totals.recentBytes;
        }
        StorageStatus.ArchiveDirectoryStatus archive = archiveStatus(settings.archiveDir());
        Path archiveExisting = nearestExisting(settings.archiveDir());
        if (archiveExisting != null) {
            FileStore store = Files.getFileStore(archiveExisting);
            stores.computeIfAbsent(store, s -> new ArrayList<>()).add(settings.archiveDir());
        }
        List<StorageStatus.FilesystemStatus> filesystems = new ArrayList<>();
        for (Map.Entry<FileStore, List<Path>> e : stores.entrySet()) {
            long[] recent = recentBytes.get(e.getKey());
            double rate = recent == null ? 0 : recent[0] / (double) GROWTH_WINDOW_HOURS;
            filesystems.add(filesystem(e.getKey(), e.getValue(), rate, now));
        }
        return new StorageStatus(now, GROWTH_WINDOW_HOURS, List.copyOf(dirs), archive, List.copyOf(filesystems));
    }

    static StorageStatus.FilesystemStatus filesystem(FileStore store, List<Path> paths, double rate, Instant now)
            throws IOException {
        return filesystem(store.name() + " (" + store.type() + ")", paths, store.getTotalSpace(),
                store.getUnallocatedSpace(), store.getUsableSpace(), rate, now);
    }

    /**
     * Used percent as {@code df} computes Use%: used / (used + available to users), so blocks reserved for root
     * count as full, and the 90 % here is the 90 % the monitor's disk probe and the alert rules warn at. Against
     * the raw total, a filesystem with reserved blocks would be projected to reach 90 % after it had run out of room.
     */
    static StorageStatus.FilesystemStatus filesystem(String name, List<Path> paths, long total, long free,
                                                     long usable, double rate, Instant now) {
        long used = Math.max(0, total - free);
        long capacity = used + usable;
        double usedPercent = capacity <= 0 ? 0 : 100.0 * used / capacity;
        Double hours = null;
        Instant at = null;
        double room = 0.9 * capacity - used;
        if (room <= 0) {
            hours = 0.0;
            at = now;
        } else if (rate > 0) {
            hours = room / rate;
            at = now.plusSeconds((long) Math.min(hours * 3600, 1e12));
        }
        return new StorageStatus.FilesystemStatus(name, paths.stream().map(Path::toString).toList(), total, free,
                usable, Math.round(usedPercent * 10) / 10.0, rate, hours == null ? null : Math.round(hours * 10) / 10.0,
                at);
    }

    private static StorageStatus.ArchiveDirectoryStatus archiveStatus(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            // a regular file (a typo'd --archive-dir) is not "not created": archives cannot be written there
            return new StorageStatus.ArchiveDirectoryStatus(dir.toString(), Files.exists(dir), false, 0, 0, null, null);
        }
        long count = 0;
        long bytes = 0;
        String newest = null;
        Instant newestTime = null;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || ArchiveFormat.ofFileName(name).isEmpty()) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (!a.isRegularFile()) {
                    continue;
                }
                count++;
                bytes += a.size();
                Instant t = a.lastModifiedTime().toInstant();
                if (newestTime == null || t.isAfter(newestTime)) {
                    newestTime = t;
                    newest = name;
                }
            }
        }
        return new StorageStatus.ArchiveDirectoryStatus(dir.toString(), true, true, count, bytes, newest, newestTime);
    }

    private static long blockSize(FileStore store) {
        try {
            long size = store.getBlockSize();
            return size > 0 ? size : 4096;
        } catch (IOException | UnsupportedOperationException e) {
            return 4096;
        }
    }

    private static Path nearestExisting(Path p) {
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                return q;
            }
        }
        return null;
    }
}
