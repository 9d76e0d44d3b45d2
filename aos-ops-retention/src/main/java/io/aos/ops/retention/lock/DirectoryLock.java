package io.aos.ops.retention.lock;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.lock.LockFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An exclusive, non-blocking lock on one golden directory, held through a {@link LockFile} on
 * {@code <workDir>/locks/<key>.lock}, the key naming the directory's real path. The OS drops the lock when the process
 * dies, even under {@code kill -9}, so a crashed run never leaves a stale lock behind.
 */
public final class DirectoryLock implements AutoCloseable {

    private final LockFile lock;

    private DirectoryLock(LockFile lock) {
        this.lock = lock;
    }

    /** The lock on {@code dir}, or empty when another run (in this or another process) holds it. */
    public static Optional<DirectoryLock> tryAcquire(Path workDir, Path dir) throws IOException {
        Path lockFile = lockFileFor(workDir, dir);
        try {
            return LockFile.tryAcquire(lockFile).map(DirectoryLock::new);
        } catch (IOException e) {
            throw new BadInputException(lockFile, "cannot create the retention lock for " + dir + " (" + e
                    + "); set AOS_STATE_DIR or --state-dir to a writable directory");
        }
    }

    /**
     * The lock of the directory whose {@link #keyOf key} is {@code key}: for work on what its runs left (a delete
     * journal) once the directory itself is gone, when its real path, and so its key, can no longer be computed.
     *
     * @param workDir where retention keeps its locks
     * @param key     the directory's key, as in the name of its lock or journal
     * @return the lock, or empty when another run holds it
     * @throws IOException if the lock file cannot be created
     */
    public static Optional<DirectoryLock> tryAcquireKey(Path workDir, String key) throws IOException {
        Path lockFile = workDir.resolve("locks").resolve(key + ".lock");
        try {
            return LockFile.tryAcquire(lockFile).map(DirectoryLock::new);
        } catch (IOException e) {
            throw new BadInputException(lockFile, "cannot create the retention lock " + key + " (" + e
                    + "); set AOS_STATE_DIR or --state-dir to a writable directory");
        }
    }

    /** The lock file of a directory: a short digest of its real path, so any path maps to a safe name. */
    public static Path lockFileFor(Path workDir, Path dir) {
        return workDir.resolve("locks").resolve(keyOf(dir) + ".lock");
    }

    /**
     * A stable 16-hex-digit key for a directory: a digest of its real path (symbolic links resolved), so every
     * alias of one directory ({@code /data/run} through a link, {@code run/../run}) has the same key and takes the
     * same lock; a directory that does not exist is keyed by its absolute, normalised path.
     */
    public static String keyOf(Path dir) {
        String path = realPathOf(dir).toString();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(path.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The real path of {@code dir}, or its absolute, normalised path when it cannot be resolved (missing). */
    public static Path realPathOf(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
