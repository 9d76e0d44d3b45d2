package io.aos.ops.retention.archive;

/** One file as it went into an archive: member name, size, mtime and full SHA-256 of the bytes packed. */
public record PackedMember(String name, long size, long mtimeMillis, byte[] sha256) {
}
