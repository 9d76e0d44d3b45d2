package io.aos.ops.core.process;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A PID file: the process id on the first line and, when known, the process start time (ISO-8601) on the second.
 * The start time is what tells a live process from a recycled PID; a file with only a PID (upstream's format), or
 * with a start-time line that does not parse, still reads, but its PID then proves nothing: {@link ProcessTable}
 * calls a live process under it UNPROVEN, never RUNNING, and nothing signals it.
 *
 * @param pid       the process id
 * @param startTime the process start time as {@link ProcessHandle.Info#startInstant()} reported it, if recorded
 */
public record PidFile(long pid, Optional<Instant> startTime) {

    /**
     * Checks the PID.
     *
     * @throws IllegalArgumentException if {@code pid} is not positive
     * @throws NullPointerException if {@code startTime} is null
     */
    public PidFile {
        checkArgument(pid > 0, "a PID must be positive, got %s", pid);
        checkNotNull(startTime, "startTime");
    }

    /**
     * The PID file of a running process, with its start time as the OS reports it.
     *
     * @param process the process
     * @return its PID file
     */
    public static PidFile of(ProcessHandle process) {
        return new PidFile(process.pid(), process.info().startInstant());
    }

    /** A PID file is two short lines; anything larger is not one, and is not read whole. */
    static final int MAX_BYTES = 4096;

    /**
     * Reads a PID file. Empty when the file does not exist; an {@link IOException} naming the file when it exists but
     * does not hold a PID (a {@link NotAPidFileException}), is not a regular file (a FIFO is never opened) or is larger than a PID file can be.
     *
     * @param file the PID file
     * @return the PID and start time, or empty when the file does not exist
     * @throws IOException naming the file, as above
     */
    public static Optional<PidFile> read(Path file) throws IOException {
        String text;
        try {
            text = RegularFile.readString(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] lines = text.strip().split("\\R");
        long pid;
        try {
            pid = Long.parseLong(lines[0].strip());
        } catch (NumberFormatException e) {
            throw new NotAPidFileException(file, lines[0].isEmpty() ? "not a PID file (it is empty)"
                    : "not a PID file (first line is '" + abbreviate(lines[0]) + "')", e);
        }
        if (pid <= 0) {
            throw new NotAPidFileException(file, "not a PID file (PID " + pid + ")", null);
        }
        Optional<Instant> start = Optional.empty();
        if (lines.length > 1 && !lines[1].isBlank()) {
            try {
                start = Optional.of(Instant.parse(lines[1].strip()));
            } catch (DateTimeParseException e) {
                // An unreadable start time only loses the recycled-PID protection; the PID is still usable.
                start = Optional.empty();
            }
        }
        return Optional.of(new PidFile(pid, start));
    }

    /**
     * Writes this PID file atomically, so a reader never sees half of it.
     *
     * @param file where to write
     * @throws IOException if it cannot be written; the old file is then left as it was
     */
    public void write(Path file) throws IOException {
        AtomicFiles.replace(file, text());
    }

    /**
     * The file's text, as {@link #write} writes it and {@link #read} reads it: for a caller that must write it into a
     * file it holds open (a lock file, which an atomic replace would swap for another, unlocked one).
     *
     * @return the PID line and the start-time line
     */
    public String text() {
        return pid + "\n" + startTime.map(Instant::toString).orElse("") + "\n";
    }

    /** A first line for a message: a damaged file may hold anything, at any length. */
    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
