package io.aos.ops.retention.scan;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One golden file found by a scan: its path, its name relative to the scanned directory ({@code /}-separated, the
 * archive member name), its size and modification time at scan time.
 */
public record GoldenFile(Path path, String relative, long size, FileTime modified) {
}
