package io.aos.ops.retention.status;

import java.time.Instant;
import java.util.List;

/**
 * The storage picture {@code retention status} prints and {@code --json} emits. Paths are strings so the JSON
 * carries plain paths. Public API; immutable.
 *
 * @param at                when the picture was taken
 * @param growthWindowHours the hours growth is measured over
 * @param directories       one status per watched directory
 * @param archive           the archive directory
 * @param filesystems       one status per filesystem holding watched directories
 */
public record StorageStatus(
        Instant at,
        int growthWindowHours,
        List<DirectoryStatus> directories,
        ArchiveDirectoryStatus archive,
        List<FilesystemStatus> filesystems) {

    /**
     * One golden directory. {@code diskBytes} is each file's size rounded up to whole filesystem blocks, summed per
     * name: what {@code du} shows on ext4/xfs for files that are neither sparse nor hard-linked. Java cannot read
     * st_blocks, so a sparse file counts at its apparent size; and a file with several names in the tree counts once
     * per name (knowing which names share an inode would cost memory per file, which the scan does not keep).
     *
     * @param path          the directory
     * @param exists        whether it exists
     * @param files         golden files in it
     * @param apparentBytes their total size
     * @param diskBytes     their size in whole blocks
     * @param oldest        the oldest file's modification time, or null when there is none
     * @param newest        the newest file's modification time, or null when there is none
     * @param recentFiles   files modified within the growth window (and not after the status's time)
     * @param recentBytes   their total size
     * @param futureFiles   files modified after the status's time (a clock set wrong): in no growth figure
     */
    public record DirectoryStatus(String path, boolean exists, long files, long apparentBytes, long diskBytes,
                                  Instant oldest, Instant newest, long recentFiles, long recentBytes,
                                  long futureFiles) {
    }

    /**
     * The archive directory: how many archives, their total size, the newest.
     *
     * @param path           the directory
     * @param exists         whether anything exists at its path
     * @param directory      whether that is a directory (false for a regular file in its place)
     * @param archives       archives in it
     * @param bytes          their total size
     * @param newest         the newest archive's file name, or null
     * @param newestModified its modification time, or null
     */
    public record ArchiveDirectoryStatus(String path, boolean exists, boolean directory, long archives, long bytes,
                                         String newest, Instant newestModified) {
    }

    /**
     * A filesystem holding monitored directories: its space, how fast golden files grew on it over the window,
     * and when it reaches 90 % at that rate ({@code hoursTo90Percent} null when it is not growing, 0 when it is
     * already there).
     *
     * @param name                 the filesystem's name (its mount point or device)
     * @param paths                the watched directories on it
     * @param totalBytes           its size
     * @param freeBytes            free bytes
     * @param usableBytes          bytes this process may use
     * @param usedPercent          percent used
     * @param growthBytesPerHour   how fast golden files grew on it over the window
     * @param hoursTo90Percent     hours to 90 % at that rate, null when not growing, 0 when already there
     * @param projected90PercentAt when it reaches 90 % at that rate, or null
     */
    public record FilesystemStatus(String name, List<String> paths, long totalBytes, long freeBytes,
                                   long usableBytes, double usedPercent, double growthBytesPerHour,
                                   Double hoursTo90Percent, Instant projected90PercentAt) {
    }
}
