/**
 * Restoring an archive, all or nothing, after verifying it: {@link io.aos.ops.retention.restore.Restorer}. The other
 * type is its staging area and not meant for services.
 */
package io.aos.ops.retention.restore;
