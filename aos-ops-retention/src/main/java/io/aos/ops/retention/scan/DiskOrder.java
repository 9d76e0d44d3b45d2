package io.aos.ops.retention.scan;

import java.nio.file.attribute.BasicFileAttributes;

/**
 * The inode number of a scanned file, taken from the attributes the directory walk already read (no extra system
 * call). Unlinking 100,000 files of one ext4 directory in inode order took 16 s against 46 s in name order
 * (measured with {@code xargs rm}, same machine, back to back): in name order every unlink dirties another inode
 * table block, in inode order they are dirtied in sequence. GNU {@code rm -r} sorts by inode for the same reason.
 */
public final class DiskOrder {

    private DiskOrder() {
    }

    /**
     * The inode of {@code attrs}' file, or {@link ScannedGoldenFile#NO_INODE}. On Linux and the BSDs the JDK's file key
     * prints as {@code (dev=...,ino=...)}; the JDK offers the number otherwise only through another stat call
     * ({@code unix:ino}), which would cost as much as the order saves.
     */
    public static long inodeOf(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (key == null) {
            return ScannedGoldenFile.NO_INODE;
        }
        String text = key.toString();
        int at = text.indexOf("ino=");
        if (at < 0) {
            return ScannedGoldenFile.NO_INODE;
        }
        long ino = 0;
        int digits = 0;
        for (int i = at + 4; i < text.length() && digits < 19; i++, digits++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            ino = ino * 10 + (c - '0');
        }
        return digits == 0 ? ScannedGoldenFile.NO_INODE : ino;
    }
}
