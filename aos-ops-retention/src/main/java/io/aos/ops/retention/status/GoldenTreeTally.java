package io.aos.ops.retention.status;

import io.aos.ops.core.io.GoldenFileKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The totals {@code retention status} prints for one golden directory tree: the golden regular files below it, as
 * {@link io.aos.ops.retention.scan.GoldenScanner} walks them (symbolic links below the directory are neither
 * followed nor counted; an entry that vanishes or a subdirectory that cannot be opened is skipped; a directory that
 * fails while it is being read fails the scan).
 *
 * <p>Every figure needs each file's size and modification time, so each entry costs one {@code stat}; that system
 * call is nearly all the work. Entries are looked up relative to their open directory ({@code fstatat}, as
 * {@code find} does, where the JDK offers a {@link SecureDirectoryStream}), in batches handed to the caller's
 * {@link Executor} while this thread goes on reading names; when {@link #MAX_BATCHES_IN_FLIGHT} batches are
 * already out, this thread stats the next batch itself (memory stays bounded, and a single-thread executor still
 * gets all the help the reading thread can give); a thread that stats a handed-out batch looks its entries up through a
 * stream of the directory of its own, so no two threads share a stream's lock. The totals are sums, minima and maxima,
 * so the order the batches finish in changes no figure.
 */
final class GoldenTreeTally {

    /** Entries per batch: large enough that a hand-off costs nothing next to its stats. */
    static final int DEFAULT_BATCH = 1024;

    /** Batches handed out and not yet finished, at most. */
    static final int MAX_BATCHES_IN_FLIGHT = 4;

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Path SELF = Path.of(".");

    private final Instant windowStart;
    private final long block;
    private final Executor executor;
    private final int batchSize;

    /** Guards {@link #pending}, {@link #inFlight}, {@link #total} and {@link #failure}. */
    private final Object lock = new Object();
    private final Deque<Path> pending = new ArrayDeque<>();
    private int inFlight;
    private final Totals total;
    private Throwable failure;
    private boolean interrupted;

    private GoldenTreeTally(Instant windowStart, long block, Executor executor, int batchSize) {
        this.windowStart = windowStart;
        this.block = block;
        this.executor = executor;
        this.batchSize = batchSize;
        this.total = new Totals(windowStart, block);
    }

    /**
     * The totals of the golden files below {@code dir}; a directory that is missing or gone yields empty totals.
     *
     * @param dir         the directory (it may be named through a symbolic link)
     * @param windowStart files modified at or after this instant are recent
     * @param block       the filesystem block size the on-disk figure rounds each file up to
     * @param executor    runs batches of stats beside the calling thread ({@code Runnable::run} for none)
     * @param batchSize   entries per batch
     * @return the totals
     * @throws IOException if a directory fails while it is being read
     */
    static Totals scan(Path dir, Instant windowStart, long block, Executor executor, int batchSize)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Totals(windowStart, block);
        }
        Path root;
        try {
            root = dir.toRealPath(); // the walk itself follows no link
        } catch (IOException e) {
            return new Totals(windowStart, block); // gone since the check above
        }
        GoldenTreeTally tally = new GoldenTreeTally(windowStart, block, executor, batchSize);
        tally.walk(root);
        return tally.total;
    }

    private void walk(Path root) throws IOException {
        synchronized (lock) {
            pending.add(root);
        }
        while (true) {
            Path dir;
            synchronized (lock) {
                while (pending.isEmpty() && inFlight > 0 && failure == null) {
                    awaitChange();
                }
                if (failure != null) {
                    break;
                }
                dir = pending.poll();
            }
            if (dir == null) {
                break; // nothing queued and nothing in flight: done
            }
            try {
                read(dir);
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
            }
        }
        synchronized (lock) {
            while (inFlight > 0) {
                awaitChange();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrowFailure();
    }

    /** Reads one directory's names, handing them out in batches. */
    private void read(Path dir) throws IOException {
        DirectoryStream<Path> stream;
        try {
            stream = Files.newDirectoryStream(dir);
        } catch (IOException e) {
            return; // removed, or not readable: skipped, as the walk of GoldenScanner skips it
        }
        OpenDirectory open = new OpenDirectory(dir, stream);
        try {
            Path[] batch = new Path[batchSize];
            int n = 0;
            for (Path entry : stream) {
                batch[n++] = entry;
                if (n == batch.length) {
                    handOut(open, batch, n);
                    batch = new Path[batchSize];
                    n = 0;
                }
            }
            if (n > 0) {
                stat(open, batch, n); // the tail of a directory: not worth a hand-off
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        } finally {
            open.release();
        }
    }

    private void handOut(OpenDirectory open, Path[] batch, int n) throws IOException {
        boolean out = false;
        synchronized (lock) {
            if (inFlight < MAX_BATCHES_IN_FLIGHT && failure == null) {
                inFlight++;
                out = true;
            }
        }
        if (out) {
            open.retain();
            try {
                executor.execute(() -> statHandedOut(open, batch, n));
                return;
            } catch (RejectedExecutionException e) {
                open.release();
                finished(null);
            }
        }
        stat(open, batch, n);
    }

    private void statHandedOut(OpenDirectory open, Path[] batch, int n) {
        Throwable thrown = null;
        try {
            OpenDirectory own = open.reopened();
            try {
                stat(own, batch, n);
            } finally {
                if (own != open) {
                    own.release();
                }
            }
        } catch (Throwable t) {
            thrown = t;
        } finally {
            try {
                open.release();
            } catch (IOException e) {
                if (thrown == null) {
                    thrown = e;
                }
            }
            finished(thrown);
        }
    }

    /** Stats a batch of entries of {@code open}: golden regular files are counted, subdirectories queued. */
    private void stat(OpenDirectory open, Path[] batch, int n) {
        Totals part = new Totals(windowStart, block);
        Deque<Path> subdirectories = null;
        for (int i = 0; i < n; i++) {
            Path subdirectory = count(open, batch[i], part);
            if (subdirectory != null) {
                if (subdirectories == null) {
                    subdirectories = new ArrayDeque<>();
                }
                subdirectories.add(subdirectory);
            }
        }
        synchronized (lock) {
            total.add(part);
            if (subdirectories != null) {
                pending.addAll(subdirectories);
                lock.notifyAll();
            }
        }
    }

    /**
     * Counts {@code entry} into {@code part} when it is a golden regular file. A method of its own, not the body of
     * the batch loop: the JIT compiles it after a few hundred entries, where the loop of a method called once per
     * batch would run interpreted until an on-stack replacement some 60,000 entries in.
     *
     * @return the entry when it is a subdirectory (to be read), else null
     */
    private static Path count(OpenDirectory open, Path entry, Totals part) {
        Path name = entry.getFileName();
        BasicFileAttributes attrs;
        try {
            attrs = open.attributes(entry, name);
        } catch (IOException e) {
            return null; // removed while we read (a concurrent cleanup): not an error for a status
        }
        if (attrs.isDirectory()) {
            return entry;
        }
        if (attrs.isRegularFile() && GoldenFileKind.of(name.toString()).isGolden()) {
            part.add(attrs.size(), attrs.lastModifiedTime());
        }
        return null;
    }

    private void finished(Throwable thrown) {
        synchronized (lock) {
            inFlight--;
            if (thrown != null && failure == null) {
                failure = thrown;
            }
            lock.notifyAll();
        }
    }

    private void fail(Throwable t) {
        synchronized (lock) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    /** Waits on {@link #lock} (held) for a batch to finish or a directory to be queued. */
    private void awaitChange() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            // stop reading, but let the batches out finish (they use the open directories); interrupted again at the end
            interrupted = true;
            if (failure == null) {
                failure = new IOException("interrupted while scanning golden files", e);
            }
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t;
        synchronized (lock) {
            t = failure;
        }
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof UncheckedIOException e) {
            throw e.getCause();
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** A directory whose entries are being read or looked up: closed by whoever releases it last. */
    private static final class OpenDirectory {
        private final Path dir;
        private final DirectoryStream<Path> stream;
        private final SecureDirectoryStream<Path> secure;
        private final AtomicInteger references = new AtomicInteger(1);

        OpenDirectory(Path dir, DirectoryStream<Path> stream) {
            this.dir = dir;
            this.stream = stream;
            this.secure = stream instanceof SecureDirectoryStream<Path> s ? s : null;
        }

        /** The entry's own attributes (a link's, not its target's), looked up relative to the open directory. */
        BasicFileAttributes attributes(Path entry, Path name) throws IOException {
            if (secure != null) {
                return secure.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
            }
            return Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
        }

        /**
         * The same directory through a stream of its own (opened relative to this one's descriptor), for a thread
         * other than the reader: each lookup takes its stream's read lock, and a lock that two threads take by turns
         * costs each of them a thread-local hold count set and removed per lookup. This one when no copy can be had.
         */
        OpenDirectory reopened() {
            if (secure == null) {
                return this;
            }
            try {
                return new OpenDirectory(dir, secure.newDirectoryStream(SELF, NO_FOLLOW));
            } catch (IOException | RuntimeException e) {
                return this; // gone meanwhile, out of descriptors: the shared stream still serves
            }
        }

        void retain() {
            references.incrementAndGet();
        }

        void release() throws IOException {
            if (references.decrementAndGet() == 0) {
                stream.close();
            }
        }

        @Override
        public String toString() {
            return dir.toString();
        }
    }

    /** The figures of one directory's golden files, as {@link StorageStatus.DirectoryStatus} holds them. */
    static final class Totals {
        private final Instant windowStart;
        private final long block;
        long files;
        long apparentBytes;
        long diskBytes;
        long oldestMillis = Long.MAX_VALUE;
        long newestMillis = Long.MIN_VALUE;
        long recentFiles;
        long recentBytes;

        Totals(Instant windowStart, long block) {
            this.windowStart = windowStart;
            this.block = block;
        }

        void add(long size, FileTime modified) {
            long millis = modified.toMillis();
            files++;
            apparentBytes += size;
            diskBytes += (size + block - 1) / block * block;
            oldestMillis = Math.min(oldestMillis, millis);
            newestMillis = Math.max(newestMillis, millis);
            if (!modified.toInstant().isBefore(windowStart)) {
                recentFiles++;
                recentBytes += size;
            }
        }

        void add(Totals other) {
            files += other.files;
            apparentBytes += other.apparentBytes;
            diskBytes += other.diskBytes;
            oldestMillis = Math.min(oldestMillis, other.oldestMillis);
            newestMillis = Math.max(newestMillis, other.newestMillis);
            recentFiles += other.recentFiles;
            recentBytes += other.recentBytes;
        }

        StorageStatus.DirectoryStatus toStatus(Path dir) {
            return new StorageStatus.DirectoryStatus(dir.toString(), true, files, apparentBytes, diskBytes,
                    files == 0 ? null : Instant.ofEpochMilli(oldestMillis),
                    files == 0 ? null : Instant.ofEpochMilli(newestMillis), recentFiles, recentBytes);
        }
    }
}
