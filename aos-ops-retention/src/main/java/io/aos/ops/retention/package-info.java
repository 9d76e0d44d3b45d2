/**
 * Golden-file retention: the entry point for services is {@link io.aos.ops.retention.RetentionSettings} (which
 * directories, where archives go, the default age, the clock), handed to
 * {@link io.aos.ops.retention.archive.Archiver} (archive and verify, then remove),
 * {@link io.aos.ops.retention.archive.ArchiveVerifier}, {@link io.aos.ops.retention.restore.Restorer},
 * {@link io.aos.ops.retention.cleanup.Cleaner} and {@link io.aos.ops.retention.status.StatusScanner}; actions are
 * logged through {@link io.aos.ops.retention.log.RetentionLog}. Nothing here deletes a file that is not in a
 * verified archive, except {@code Cleaner}, which asks first.
 */
package io.aos.ops.retention;
