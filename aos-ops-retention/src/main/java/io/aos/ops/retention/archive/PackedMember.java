package io.aos.ops.retention.archive;

import java.nio.file.attribute.FileTime;

/** One file as it went into an archive: member name, size, mtime as scanned and full SHA-256 of the bytes packed. */
public record PackedMember(String name, long size, FileTime modified, byte[] sha256) {

    /** This member's manifest entry. */
    public Manifest.Entry toEntry() {
        return new Manifest.Entry(name, size, modified.toInstant().getEpochSecond(), Manifest.prefixOf(sha256));
    }
}
