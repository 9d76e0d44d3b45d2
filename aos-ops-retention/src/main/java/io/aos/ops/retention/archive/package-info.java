/**
 * Archives of golden files: {@link io.aos.ops.retention.archive.Archiver} packs old files into a tar
 * ({@link io.aos.ops.retention.archive.ArchiveFormat}: gzip or zstd) with a manifest and a {@code .sha256},
 * verifies it by reading it back, and only then removes the originals; the outcome is an
 * {@link io.aos.ops.retention.archive.ArchiveReport}. {@link io.aos.ops.retention.archive.ArchiveVerifier} checks a
 * finished archive on its own; {@link io.aos.ops.retention.archive.ArchiveLookup} says which file an archive named
 * by an operator is. The other types are the machinery behind them and not meant for services.
 */
package io.aos.ops.retention.archive;
