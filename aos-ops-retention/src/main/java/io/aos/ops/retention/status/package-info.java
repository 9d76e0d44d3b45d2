/**
 * The storage picture of the watched golden directories, the archive directory and their filesystems, with growth
 * and a projection of when a filesystem reaches 90 %: {@link io.aos.ops.retention.status.StatusScanner} builds a
 * {@link io.aos.ops.retention.status.StorageStatus}.
 */
package io.aos.ops.retention.status;
