package io.aos.ops.monitor.daemon;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.lock.LockFile;
import io.aos.ops.core.process.PidFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lock the monitor daemon holds for its whole life, with its PID and start time written inside (a
 * {@link PidFile}'s text). The PID file can be deleted or overwritten by hand; the lock cannot be taken twice, and the
 * OS drops it when the daemon dies, even under {@code kill -9}, so a crashed daemon never blocks a restart. Whoever
 * asks whether a daemon runs asks the lock first: a running daemon is found even without its PID file.
 */
public final class DaemonLock implements AutoCloseable {

    /**
     * How often the daemon tries the lock before it concludes another daemon holds it: whoever only looks
     * ({@link #holder}) holds it for an instant, and must not make a starting daemon give up.
     */
    static final int ATTEMPTS = 20;

    /** The pause between two attempts. */
    static final long PAUSE_MILLIS = 25;

    private final LockFile lock;

    private DaemonLock(LockFile lock) {
        this.lock = lock;
    }

    /**
     * Who holds a daemon lock.
     *
     * @param recorded the PID and start time the holder wrote in the lock file; empty if it has not yet, or the text
     *                 is not a PID file's
     */
    public record Holder(Optional<PidFile> recorded) {

        public Holder {
            checkNotNull(recorded, "recorded");
        }
    }

    /**
     * Takes the lock for the current process and writes its PID and start time into it, unless another process holds
     * it.
     *
     * @param file the lock file; created, with its directories, if missing
     * @return the held lock, to be held until the daemon ends; empty if another process holds it
     * @throws IOException if the file cannot be created, opened, locked or written, or is not a regular file
     */
    public static Optional<DaemonLock> tryHold(Path file) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<LockFile> taken = LockFile.tryAcquire(file);
            if (taken.isPresent()) {
                try {
                    FileChannel channel = taken.get().channel();
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(PidFile.of(ProcessHandle.current()).text()
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(true);
                } catch (IOException e) {
                    taken.get().close();
                    throw e;
                }
                return Optional.of(new DaemonLock(taken.get()));
            }
            if (attempt == ATTEMPTS) {
                return Optional.empty();
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * The process that holds the lock, found by looking only (the file is not created or written).
     *
     * @param file the lock file
     * @return empty when nobody holds it (or the file does not exist)
     * @throws IOException if the file exists but cannot be opened or locked, or is not a regular file
     */
    public static Optional<Holder> holder(Path file) throws IOException {
        if (!LockFile.isHeldElsewhere(file)) {
            return Optional.empty();
        }
        Optional<PidFile> recorded;
        try {
            recorded = PidFile.read(file);
        } catch (IOException e) {
            recorded = Optional.empty(); // held by a daemon that has not written its PID yet
        }
        return Optional.of(new Holder(recorded));
    }

    /** The lock file. */
    public Path path() {
        return lock.path();
    }

    /** Releases the lock; the file, and the PID in it, stay (the PID is believed only while the lock is held). */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
