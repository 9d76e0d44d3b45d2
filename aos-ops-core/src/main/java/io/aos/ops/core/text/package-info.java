/**
 * Text for people: {@link io.aos.ops.core.text.ByteSizes} (sizes in bytes, short).
 */
package io.aos.ops.core.text;
