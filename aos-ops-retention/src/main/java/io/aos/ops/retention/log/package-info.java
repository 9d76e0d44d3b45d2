/**
 * The retention action log, one timestamped line per action, appended and forced to disk:
 * {@link io.aos.ops.retention.log.RetentionLog}.
 */
package io.aos.ops.retention.log;
