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

    /**
     * How a log line shows a left file: {@code dir}'s path and the member name joined as text. Not
     * {@code dir.resolve(name)}, which throws for a name this JVM cannot encode back into a path (not ASCII under the
     * C locale), the very names that are left.
     *
     * @param dir  the directory archived or cleaned
     * @param name the file's name relative to it
     * @return the file's path, as text
     */
    public static String shown(java.nio.file.Path dir, String name) {
        String dirText = dir.toString();
        String separator = dir.getFileSystem().getSeparator();
        return (dirText.endsWith(separator) ? dirText : dirText + separator) + name;
    }
}
