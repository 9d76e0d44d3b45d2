/**
 * Text for people: {@link io.aos.ops.core.text.ByteSizes} (sizes in bytes, short) and
 * {@link io.aos.ops.core.text.ControlCharacters} (text from files made safe to show on a terminal or in a log).
 */
package io.aos.ops.core.text;
