package io.aos.ops.core.lock;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock held through a file: an OS file lock ({@code fcntl}/{@code flock}), which the OS drops when the
 * process dies, even under {@code kill -9}, so a crash never leaves a stale lock behind.
 *
 * <p>The JVM holds at most one lock on a file for the whole process; a second {@code FileChannel.lock} from another
 * thread fails rather than waits. So threads of this JVM first take an in-process permit for the file: with
 * {@link #acquire} they queue for it, with {@link #tryAcquire} they see the file as held. The permit is keyed by the
 * file's real path (its directory's symbolic links resolved), so two aliases of one lock file are one lock in this
 * process as they are for the OS.
 *
 * <p>The lock file is created (with its directories) if missing and is never deleted here: deleting it while another
 * process waits on it would let two processes lock two different files. A lock path that exists but is not a regular
 * file (a FIFO would block the open for good, a directory cannot be locked) is refused with a
 * {@link io.aos.ops.core.io.NotRegularFileException} before it is opened.
 *
 * <p>A {@code LockFile} is held by the thread that took it; {@link #close()} releases it once (later calls do nothing).
 * The static methods are thread-safe.
 */
public final class LockFile implements AutoCloseable {

    /** One permit per lock file in this JVM; entries stay, as there is one per lock path the process ever used. */
    private static final ConcurrentMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Semaphore permit;
    private boolean closed;

    private LockFile(Path path, FileChannel channel, FileLock lock, Semaphore permit) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.permit = permit;
    }

    /**
     * Takes the lock on {@code file}, waiting as long as another process or thread holds it.
     *
     * @param file the lock file; created, with its directories, if missing
     * @return the held lock, to be closed
     * @throws IOException if the file cannot be created, opened or locked, or is not a regular file
     */
    public static LockFile acquire(Path file) throws IOException {
        Path key = createDirectoryAndKey(file);
        Semaphore permit = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        permit.acquireUninterruptibly();
        FileChannel channel = null;
        try {
            channel = open(file);
            return new LockFile(file, channel, channel.lock(), permit);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            permit.release();
            throw e;
        }
    }

    /**
     * Takes the lock on {@code file} if no other process or thread holds it, without waiting.
     *
     * @param file the lock file; created, with its directories, if missing
     * @return the held lock, to be closed; empty if it is held elsewhere
     * @throws IOException if the file cannot be created, opened or locked, or is not a regular file
     */
    public static Optional<LockFile> tryAcquire(Path file) throws IOException {
        Path key = createDirectoryAndKey(file);
        Semaphore permit = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        if (!permit.tryAcquire()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = open(file);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                closeQuietly(channel);
                permit.release();
                return Optional.empty();
            }
            return Optional.of(new LockFile(file, channel, lock, permit));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            permit.release();
            throw e;
        }
    }

    /**
     * Whether some other process or thread holds the lock on {@code file}, found by looking only: an existing file is
     * opened without being created or written and locked for a moment, which changes neither it nor its directory.
     *
     * @param file the lock file
     * @return false if the file does not exist or nobody holds it
     * @throws IOException if the file exists but cannot be opened or locked, or is not a regular file
     */
    public static boolean isHeldElsewhere(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        Semaphore permit = IN_PROCESS.computeIfAbsent(keyOf(file), k -> new Semaphore(1));
        if (!permit.tryAcquire()) {
            return true;
        }
        try {
            RegularFile.check(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        } finally {
            permit.release();
        }
    }

    /** The lock file, as the caller named it. */
    public Path path() {
        return path;
    }

    /**
     * The open channel of the lock file, for a caller that records something in it (a PID file writes its PID); it is
     * closed by {@link #close()}.
     */
    public FileChannel channel() {
        return channel;
    }

    /** Releases the lock and closes the file; the file itself stays. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } finally {
            permit.release();
        }
    }

    /** Creates the lock file's directory if missing, then names the file for the in-process permits. */
    private static Path createDirectoryAndKey(Path file) throws IOException {
        Path dir = checkNotNull(file, "file").toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return keyOf(file);
    }

    private static FileChannel open(Path file) throws IOException {
        if (RegularFile.existsAndIsNotRegular(file)) {
            RegularFile.check(file); // throws: opening a FIFO for writing would block until a reader comes
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM holds it through a path this process did not see as the same file.
            return null;
        }
    }

    /**
     * The in-process identity of a lock file: its directory's real path and its name, so a link to the directory and
     * {@code dir/../dir} name the same file; the absolute normalised path where the directory does not exist yet.
     */
    static Path keyOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null) {
            return absolute;
        }
        try {
            return dir.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The first problem is the one to report.
            }
        }
    }
}
