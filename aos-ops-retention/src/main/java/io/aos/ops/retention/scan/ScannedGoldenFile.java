package io.aos.ops.retention.scan;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One golden file found by a scan: its path, its name relative to the scanned directory ({@code /}-separated, the
 * archive member name), its size and modification time at scan time, and its inode number ({@link #NO_INODE} when
 * the file system does not tell), which is the order to delete many files in (see {@link DiskOrder}).
 */
public record ScannedGoldenFile(Path path, String relative, long size, FileTime modified, long inode) {

    /** The inode of a file whose file system gives none; sorts last. */
    public static final long NO_INODE = Long.MAX_VALUE;
}
