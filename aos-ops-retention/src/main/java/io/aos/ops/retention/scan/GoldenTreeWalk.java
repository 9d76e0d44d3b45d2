package io.aos.ops.retention.scan;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Visits the golden regular files below a directory with their attributes, on the calling thread and on an
 * executor's: what {@code retention status} tallies and what {@link GoldenScanner#selectOld} selects from. The files
 * are those {@link GoldenScanner#scan} finds: symbolic links below the directory are neither followed nor visited; an
 * entry that vanishes or a subdirectory that cannot be opened is skipped; a directory that fails while it is being
 * read fails the walk.
 *
 * <p>Each entry costs one {@code stat}, and that system call is nearly all the work. Entries are looked up relative to
 * their open directory ({@code fstatat}, as {@code find} does, where the JDK offers a {@link SecureDirectoryStream}),
 * not by their whole path, in batches handed to the executor while the calling thread goes on reading names; when
 * {@link #MAX_BATCHES_IN_FLIGHT} batches are already out, the calling thread stats the next batch itself (memory
 * stays bounded, and a single-thread executor still gets all the help the reading thread can give); a thread that
 * stats a handed-out batch looks its entries up through a stream of the directory of its own, so no two threads
 * share a stream's lock.
 *
 * <p>What a batch finds goes into a part of the visitor's own making, on the thread that stats the batch; the parts
 * are merged one at a time, in no particular order. Public for the status scanner; its users are this module's.
 *
 * @param <P> what one batch's files are gathered into
 */
public final class GoldenTreeWalk<P> {

    /**
     * What a walk does with the files it finds.
     *
     * @param <P> what one batch's files are gathered into
     */
    public interface Visitor<P> {
        /**
         * A fresh part for one batch.
         *
         * @return the part
         */
        P newPart();

        /**
         * One golden regular file, on the thread statting its batch.
         *
         * @param file  its path: the walked directory's real path and the names below it
         * @param attrs its own attributes (not a link's target's)
         * @param part  the part of its batch
         */
        void file(Path file, BasicFileAttributes attrs, P part);

        /**
         * A batch's part once all its files are in, on the thread that statted the batch, before it is merged: for
         * work on the part that can run beside the other batches' (nothing, unless overridden).
         *
         * @param part the part
         */
        default void sealed(P part) {
        }

        /**
         * Folds a finished batch's part into the result; called for one part at a time.
         *
         * @param part the part
         */
        void merge(P part);
    }

    /** Entries per batch: large enough that a hand-off costs nothing next to its stats. */
    public static final int DEFAULT_BATCH = 1024;

    /** Batches handed out and not yet finished, at most. */
    static final int MAX_BATCHES_IN_FLIGHT = 4;

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Path SELF = Path.of(".");

    private final Visitor<P> visitor;
    private final Executor executor;
    private final int batchSize;

    /** Guards {@link #pending}, {@link #inFlight}, {@link #failure} and the visitor's merges. */
    private final Object lock = new Object();
    private final Deque<Path> pending = new ArrayDeque<>();
    private int inFlight;
    private Throwable failure;
    private boolean interrupted;

    private GoldenTreeWalk(Visitor<P> visitor, Executor executor, int batchSize) {
        this.visitor = visitor;
        this.executor = executor;
        this.batchSize = batchSize;
    }

    /**
     * Walks the golden files below {@code dir}; a directory that is missing or gone has none.
     *
     * @param dir       the directory (it may be named through a symbolic link: it is walked as its real path)
     * @param executor  runs batches of stats beside the calling thread ({@code Runnable::run} for none)
     * @param batchSize entries per batch
     * @param visitor   what is done with the files
     * @param <P>       what one batch's files are gathered into
     * @throws IOException if a directory fails while it is being read
     */
    public static <P> void walk(Path dir, Executor executor, int batchSize, Visitor<P> visitor) throws IOException {
        Path root = realDirectory(dir);
        if (root != null) {
            walkReal(root, executor, batchSize, visitor);
        }
    }

    /**
     * The real path of {@code dir} (the walk itself follows no link), or null when it is not a directory or is gone.
     */
    static Path realDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null; // gone since the check above
        }
    }

    /** {@link #walk} below {@code root}, a {@link #realDirectory}. */
    static <P> void walkReal(Path root, Executor executor, int batchSize, Visitor<P> visitor) throws IOException {
        checkNotNull(executor, "executor");
        checkNotNull(visitor, "visitor");
        checkArgument(batchSize > 0, "batchSize must be positive: %s", batchSize);
        new GoldenTreeWalk<>(visitor, executor, batchSize).walk(root);
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
            return; // removed, or not readable: skipped, as the walk of GoldenScanner.scan skips it
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

    /** Stats a batch of entries of {@code open}: golden regular files are visited, subdirectories queued. */
    private void stat(OpenDirectory open, Path[] batch, int n) {
        P part = visitor.newPart();
        Deque<Path> subdirectories = null;
        for (int i = 0; i < n; i++) {
            Path subdirectory = visit(open, batch[i], part);
            if (subdirectory != null) {
                if (subdirectories == null) {
                    subdirectories = new ArrayDeque<>();
                }
                subdirectories.add(subdirectory);
            }
        }
        visitor.sealed(part);
        synchronized (lock) {
            visitor.merge(part);
            if (subdirectories != null) {
                pending.addAll(subdirectories);
                lock.notifyAll();
            }
        }
    }

    /**
     * Visits {@code entry} into {@code part} when it is a golden regular file. A method of its own, not the body of
     * the batch loop: the JIT compiles it after a few hundred entries, where the loop of a method called once per
     * batch would run interpreted until an on-stack replacement some 60,000 entries in.
     *
     * @return the entry when it is a subdirectory (to be read), else null
     */
    private Path visit(OpenDirectory open, Path entry, P part) {
        Path name = entry.getFileName();
        BasicFileAttributes attrs;
        try {
            attrs = open.attributes(entry, name);
        } catch (IOException e) {
            return null; // removed while we read (a concurrent cleanup): not an error for a scan
        }
        if (attrs.isDirectory()) {
            return entry;
        }
        if (attrs.isRegularFile() && GoldenFileKind.of(name.toString()).isGolden()) {
            visitor.file(entry, attrs, part);
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
}
