package io.aos.ops.golden.shadow;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.lock.LockFile;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes sure one output directory holds one run: the PID file is locked (an OS lock, released when the process dies,
 * so a crash never leaves the directory locked for good) and holds the runner's PID. A directory that already holds
 * a run's {@code status.json} is refused too, so two runs never mix their cycle numbers and golden files.
 */
final class RunLock implements AutoCloseable {

    private final Path pidFile;
    private final LockFile lock;

    private RunLock(Path pidFile, LockFile lock) {
        this.pidFile = pidFile;
        this.lock = lock;
    }

    /**
     * Locks {@code layout}'s directory for this run, creating it if needed. A refusal (the directory is in use, or
     * holds an earlier run) leaves the directory exactly as it was: nothing is created, written or truncated, so its
     * modification time still says when that run last wrote, and tools that pick the newest run are not misled.
     */
    static RunLock acquire(ShadowRunLayout layout) {
        refuseIfTaken(layout);
        Path pidFile = layout.pidFile();
        LockFile lock = null;
        try {
            Files.createDirectories(layout.root());
            Optional<LockFile> taken = LockFile.tryAcquire(pidFile);
            if (taken.isEmpty()) {
                // Another run took the directory between the look above and this open.
                throw inUse(layout, heldBy(pidFile));
            }
            lock = taken.get();
            if (Files.exists(layout.statusFile())) {
                lock.close();
                throw holdsARun(layout);
            }
            FileChannel channel = lock.channel();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new RunLock(pidFile, lock);
        } catch (IOException e) {
            try {
                if (lock != null) {
                    lock.close();
                }
            } catch (IOException ignored) {
                // Reporting the first problem is what matters.
            }
            throw new BadInputException(pidFile, "cannot create or lock the PID file: " + e.getMessage(), e);
        }
    }

    /** The PID the locked file names, for the message; "" if it cannot be read (never opened unless regular). */
    private static String heldBy(Path pidFile) {
        try {
            return RegularFile.readString(pidFile, 4096).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Refuses a directory in use or holding an earlier run by looking only: an existing PID file is opened without
     * {@code CREATE} and locked for a moment (neither changes a file's or the directory's contents or times).
     */
    private static void refuseIfTaken(ShadowRunLayout layout) {
        Path pidFile = layout.pidFile();
        if (Files.isRegularFile(pidFile)) {
            try {
                if (LockFile.isHeldElsewhere(pidFile)) {
                    throw inUse(layout, heldBy(pidFile));
                }
            } catch (IOException e) {
                throw new BadInputException(pidFile, "cannot check the PID file: " + e.getMessage(), e);
            }
        }
        if (Files.exists(layout.statusFile())) {
            throw holdsARun(layout);
        }
    }

    private static AosOpsException inUse(ShadowRunLayout layout, String pid) {
        return new BadConfigurationException(layout.root() + " is in use by a running shadow simulation (PID "
                + (pid.isEmpty() ? "unknown" : pid) + "); choose another --output or stop that run first");
    }

    private static AosOpsException holdsARun(ShadowRunLayout layout) {
        return new BadConfigurationException(layout.root() + " already holds a shadow run (" + layout.statusFile()
                + " exists); choose another --output so the two runs do not mix");
    }

    /** The PID written to the file. */
    long pid() {
        return ProcessHandle.current().pid();
    }

    /** Releases the lock and removes the PID file; status.json keeps the PID for the record. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(pidFile);
            lock.close();
        } catch (IOException e) {
            // The OS drops the lock when the process ends anyway.
        }
    }
}
