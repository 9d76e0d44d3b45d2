package io.aos.ops.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * What an I/O failure says about a file, for an operator's one-line message: the OS's reason ({@code Permission
 * denied}, {@code No space left on device}, {@code Is a directory}) rather than an exception's class name or a
 * bare path. The one rule for this wording: retention, the emergency stop and the run-file readers all ask it.
 * Stateless: thread-safe.
 */
public final class IoReason {

    private IoReason() {
    }

    /**
     * The OS's reason alone, without the path: {@code Permission denied}.
     *
     * @param e the failure
     * @return one phrase, never null
     */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // java.io reports "<path> (<reason>)"
        if (e instanceof FileNotFoundException && message.endsWith(")") && message.lastIndexOf(" (") > 0) {
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        return message;
    }

    /**
     * The file and the reason, {@code /x/a.tgz.sha256: No space left on device}, where the failure names a file;
     * the reason alone where it does not.
     *
     * @param e the failure
     * @return one phrase, never null
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + of(e);
        }
        String message = e.getMessage();
        if (e instanceof FileNotFoundException && message != null && message.lastIndexOf(" (") > 0) {
            return message.substring(0, message.lastIndexOf(" (")) + ": " + of(e);
        }
        return of(e);
    }
}
