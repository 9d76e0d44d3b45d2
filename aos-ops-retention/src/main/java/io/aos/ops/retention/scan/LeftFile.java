package io.aos.ops.retention.scan;

/**
 * An old golden file that archive or cleanup left where it is, and why: what their reports list beside the
 * {@code Left <file> ...: <why>} lines of the log.
 *
 * @param name   its name relative to the directory (the member name); two files whose names are not valid UTF-8 may
 *               show the same name, each once
 * @param reason why it was left
 */
public record LeftFile(String name, String reason) {
}
