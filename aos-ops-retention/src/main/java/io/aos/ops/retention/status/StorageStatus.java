package io.aos.ops.retention.status;

import java.time.Instant;
import java.util.List;

/**
 * The storage picture {@code retention status} prints and {@code --json} emits. Paths are strings so the JSON
 * carries plain paths. Public API.
 */
public record StorageStatus(
        Instant at,
        int growthWindowHours,
        List<DirectoryStatus> directories,
        ArchiveDirectoryStatus archive,
        List<FilesystemStatus> filesystems) {

    /**
     * One golden directory. {@code diskBytes} is the size rounded up to whole filesystem blocks per file (Java
     * cannot read st_blocks; this is what {@code du} shows on ext4/xfs for files that are not sparse).
     */
    public record DirectoryStatus(String path, boolean exists, long files, long apparentBytes, long diskBytes,
                                  Instant oldest, Instant newest, long recentFiles, long recentBytes) {
    }

    /** The archive directory: how many archives, their total size, the newest. */
    public record ArchiveDirectoryStatus(String path, boolean exists, long archives, long bytes, String newest,
                                         Instant newestModified) {
    }

    /**
     * A filesystem holding monitored directories: its space, how fast golden files grew on it over the window,
     * and when it reaches 90 % at that rate ({@code hoursTo90Percent} null when it is not growing, 0 when it is
     * already there).
     */
    public record FilesystemStatus(String name, List<String> paths, long totalBytes, long freeBytes,
                                   long usableBytes, double usedPercent, double growthBytesPerHour,
                                   Double hoursTo90Percent, Instant projected90PercentAt) {
    }
}
