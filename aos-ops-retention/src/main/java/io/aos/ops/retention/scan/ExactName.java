package io.aos.ops.retention.scan;

/**
 * Whether a file name, as Java decoded it, is that file's name and no other's. The JVM decodes the bytes of a file
 * name with the file-name encoding its locale gave it ({@code sun.jnu.encoding}, which no {@code -D} option changes on
 * JDK 17) and turns every byte sequence it cannot decode into U+FFFD: under UTF-8 {@code b"run-\xe9.json"} reads as
 * {@code "run-\uFFFD.json"}, the same string as the valid name {@code "run-\uFFFD.json"}; under the C locale (ASCII, as
 * cron and systemd may give) every non-ASCII byte does. A string holding U+FFFD may therefore stand for several
 * files, and whatever is opened, deleted or archived by it may be another file than the one scanned: such a file is
 * never archived or deleted, only reported. Where a name cannot be encoded back at all
 * ({@link java.nio.file.InvalidPathException}), {@link #encodingAdvice()} says why. Public for the archiver, the
 * cleaner and restore; its users are this module's.
 */
public final class ExactName {

    /** What the decoder puts in place of bytes it cannot decode. */
    public static final char REPLACEMENT = '\uFFFD';

    /** The JVM's file-name encoding, read once: it is fixed when the JVM starts. */
    private static final String ENCODING = System.getProperty("sun.jnu.encoding", "UTF-8");

    private ExactName() {
    }

    /**
     * Why {@code name} may not be the name of exactly one file, or null when it is.
     *
     * @param name a file or member name as a scan decoded it
     * @return the reason (a phrase for a {@code Left <file> unarchived: <why>} line), or null
     */
    public static String problemWith(String name) {
        if (name.indexOf(REPLACEMENT) < 0) {
            return null;
        }
        return fileNamesAreUtf8()
                ? "its name is not valid UTF-8 (or holds U+FFFD), so it cannot be told apart from other names; "
                        + "rename it for retention to take it"
                : "its name is not ASCII and cannot be read exactly: " + encodingAdvice();
    }

    /**
     * Says which encoding file names are read in, when that is not UTF-8, and how to run under UTF-8.
     *
     * @return a phrase for an error message
     */
    public static String encodingAdvice() {
        return fileNamesAreUtf8() ? "file names are read as UTF-8"
                : "this JVM reads file names as " + ENCODING + ", not UTF-8 (run it under a UTF-8 locale, e.g. "
                        + "LC_ALL=C.UTF-8; the aos-ops launcher does so)";
    }

    /** {@return whether this JVM decodes file names as UTF-8} */
    static boolean fileNamesAreUtf8() {
        return "UTF-8".equalsIgnoreCase(ENCODING) || "UTF8".equalsIgnoreCase(ENCODING);
    }
}
