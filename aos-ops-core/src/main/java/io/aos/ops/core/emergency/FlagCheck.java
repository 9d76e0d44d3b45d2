package io.aos.ops.core.emergency;

import io.aos.ops.core.io.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * One look at the flag path: one {@code stat}. The switch is the file's <em>existence</em>, not its content or
 * modification time, because mtime resolution differs between filesystems and an empty file made by hand must stop
 * engines too. Anything other than "absent" or "a regular file" fails closed.
 */
record FlagCheck(State state, FileTime modified, String detail) {

    enum State { ABSENT, PRESENT, UNREADABLE }

    private static final FlagCheck ABSENT = new FlagCheck(State.ABSENT, null, null);

    static FlagCheck of(Path flag) {
        // Not Files.exists: it answers false both for "no such file" and for "cannot tell", and only the first may
        // let workflows run. The NoSuchFileException costs a few microseconds, paid once per recheck interval.
        try {
            BasicFileAttributes attributes = Files.readAttributes(flag, BasicFileAttributes.class);
            if (attributes.isRegularFile()) {
                return new FlagCheck(State.PRESENT, attributes.lastModifiedTime(), null);
            }
            String kind = attributes.isDirectory() ? "a directory" : "not a regular file";
            return new FlagCheck(State.UNREADABLE, null, "it is " + kind + ", not a flag file");
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException | SecurityException e) {
            return new FlagCheck(State.UNREADABLE, null, problem(e));
        }
    }

    boolean engaged() {
        return state != State.ABSENT;
    }

    /** The OS's reason without the path repeated, e.g. {@code Not a directory} or {@code Permission denied}. */
    static String problem(Exception e) {
        return e instanceof IOException io ? IoReason.of(io)
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
