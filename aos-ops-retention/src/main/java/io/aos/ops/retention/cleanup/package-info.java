/**
 * Deleting old golden files without archiving them, after a confirmation per directory:
 * {@link io.aos.ops.retention.cleanup.Cleaner}.
 */
package io.aos.ops.retention.cleanup;
