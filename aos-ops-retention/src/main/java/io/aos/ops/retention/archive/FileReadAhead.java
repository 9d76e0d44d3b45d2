package io.aos.ops.retention.archive;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.retention.scan.NoFollowTree;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the files to pack on background threads, a bounded number ahead of the packer, and hands them over in
 * order: with sub-KB files the open/read/close system calls cost more than the tar formatting, so overlapping them
 * with it (and with compression on another thread) is what lets the packer keep up with {@code tar czf}. Several
 * readers, in batches of consecutive files, because on a virtualised disk an open or read partly waits on the
 * host: packing 100,000 corpus files with zstd took 1.24-1.39 s with one reader thread, 1.15-1.19 s with four
 * (same machine, back to back); with gzip the compressor is the bottleneck either way. Files larger than the
 * stream threshold are not read here: the packer copies them from disk in chunks ({@link TarPacker#STREAM_ABOVE}). A
 * file that cannot be read is handed over with its failure, so one bad file never fails the rest.
 */
final class FileReadAhead implements AutoCloseable {

    /**
     * A file and its bytes. {@code data} is null when the file could not be read ({@code failure} says why; a
     * {@link NoSuchFileException} when it vanished since the scan), or when it is larger than the read-ahead takes
     * in whole ({@code failure} null too): the packer then streams it from the file.
     */
    record Loaded(ScannedGoldenFile file, byte[] data, IOException failure) {

        /** True when the file is to be copied from disk in chunks by the packer. */
        boolean streamed() {
            return data == null && failure == null;
        }

        boolean vanished() {
            return failure instanceof NoSuchFileException;
        }
    }

    static final int READERS = 4;
    /** A batch ends after this many files or {@link #BATCH_BYTES}, whichever comes first (one file at least). */
    private static final int BATCH = 64;
    private static final long BATCH_BYTES = 4L << 20;
    /**
     * Read ahead: at most {@link #WINDOW} batches and {@link #WINDOW_BYTES} (by the sizes the scan saw), plus the
     * batch the packer is on; always one batch at least, whatever its size. A directory of large traces is read a
     * few files ahead, not thousands: the heap holds 64 MiB of files ahead, not 2048 traces.
     */
    private static final int WINDOW = 32;
    static final long WINDOW_BYTES = 64L << 20;

    private record Pending(Future<Loaded[]> batch, long bytes) {
    }

    private final List<ScannedGoldenFile> files;
    /**
     * Where the files are opened, by the directory scanned (each file's path without its relative one): relative to
     * their directories, no link followed below it (see {@link NoFollowTree}).
     */
    private final Map<Path, NoFollowTree> trees = new ConcurrentHashMap<>();
    /** The directory {@link #open} found last (the reader threads share it; a race only means finding it again). */
    private volatile Root lastRoot;
    private final LongAdder rootsFound = new LongAdder();
    private final long streamAbove;
    private final ExecutorService readers;
    private final ArrayDeque<Pending> ahead = new ArrayDeque<>();
    private int submitted;
    private long bytesAhead;
    private Loaded[] batch = new Loaded[0];
    private int inBatch;

    FileReadAhead(List<ScannedGoldenFile> files) {
        this(files, Long.MAX_VALUE);
    }

    /** Reads ahead every file of at most {@code streamAbove} bytes (by the scan's size); larger ones are streamed. */
    FileReadAhead(List<ScannedGoldenFile> files, long streamAbove) {
        this.files = files;
        this.streamAbove = streamAbove;
        this.readers = Executors.newFixedThreadPool(READERS,
                new ThreadFactoryBuilder().setNameFormat("aos-retention-read-%d").setDaemon(true).build());
        fillWindow();
    }

    private void fillWindow() {
        while (submitted < files.size()
                && (ahead.isEmpty() || ahead.size() < WINDOW && bytesAhead < WINDOW_BYTES)) {
            int from = submitted;
            int to = from;
            long bytes = 0;
            while (to < files.size() && (to == from || to - from < BATCH && bytes < BATCH_BYTES)) {
                long size = files.get(to).size();
                bytes += size > streamAbove ? 0 : Math.max(0, size);
                to++;
            }
            submitted = to;
            int end = to;
            ahead.add(new Pending(readers.submit(() -> readBatch(files.subList(from, end))), bytes));
            bytesAhead += bytes;
        }
    }

    /**
     * Opens {@code file} for reading in its scanned directory's tree: its path without its relative one (a file whose
     * path does not end with its relative one, which a caller may build, in its own directory).
     */
    SeekableByteChannel open(ScannedGoldenFile file) throws IOException {
        Root last = lastRoot;
        if (last != null && last.holds(file)) {
            return last.tree().openRegular(file.relative()); // the usual case: the directory of the file before
        }
        rootsFound.increment();
        Path relative = file.relative().isEmpty() ? null : file.path().getFileSystem().getPath(file.relative());
        Path root;
        String name;
        if (relative != null && !relative.isAbsolute() && file.path().endsWith(relative)
                && file.path().getNameCount() > relative.getNameCount()) {
            root = file.path().subpath(0, file.path().getNameCount() - relative.getNameCount());
            root = file.path().isAbsolute() ? file.path().getRoot().resolve(root) : root;
            name = file.relative();
            NoFollowTree tree = trees.computeIfAbsent(root, NoFollowTree::of);
            lastRoot = new Root(root.toString(), tree);
            return tree.openRegular(name);
        }
        root = file.path().toAbsolutePath().getParent();
        name = file.path().getFileName().toString();
        return trees.computeIfAbsent(root, NoFollowTree::of).openRegular(name);
    }

    /**
     * A scanned directory and its tree, as {@link #open} last found one from a file's path and relative name: the
     * files of one scan share it, so the path operations that find it run once per directory, not once per file.
     *
     * @param text the directory's path as text
     * @param tree where its files are opened
     */
    private record Root(String text, NoFollowTree tree) {

        /**
         * True when {@code file}'s path is this directory's, a separator and its relative name: the root that
         * {@link #open}'s path operations would find for it (a scan builds the relative name by cutting the path
         * after the root, as this compares it).
         */
        boolean holds(ScannedGoldenFile file) {
            String path = file.path().toString();
            String relative = file.relative();
            int cut = text.length();
            return !relative.isEmpty() && path.length() == cut + 1 + relative.length()
                    && path.charAt(cut) == SEPARATOR && path.startsWith(text) && path.endsWith(relative);
        }
    }

    private static final char SEPARATOR = java.io.File.separatorChar;

    /** How many times {@link #open} found a file's directory with path operations (for tests). */
    long rootsFound() {
        return rootsFound.sum();
    }

    /** Bytes of the batches submitted and not yet handed to the packer (for tests). */
    long bytesAhead() {
        return bytesAhead;
    }

    /** Reads a batch; a file that cannot be read is handed over with its failure, never fails the batch. */
    private Loaded[] readBatch(List<ScannedGoldenFile> batch) {
        Loaded[] loaded = new Loaded[batch.size()];
        for (int i = 0; i < loaded.length; i++) {
            ScannedGoldenFile file = batch.get(i);
            if (file.size() > streamAbove) {
                loaded[i] = new Loaded(file, null, null);
                continue;
            }
            try {
                byte[] data = read(this, file, streamAbove);
                loaded[i] = new Loaded(file, data, null); // null data: it grew past the threshold, stream it
            } catch (IOException e) {
                loaded[i] = new Loaded(file, null, e);
            }
        }
        return loaded;
    }

    /**
     * Reads a file whose size the scan already knows with one read call (open, read, close), instead of
     * {@code Files.readAllBytes}'s extra fstat and end-of-file read: with 400-byte files the system calls are the cost.
     * A file that grew since the scan is read to its end, unless it is now over {@code limit} bytes: then null, and
     * the packer streams it, so the heap never holds more than the threshold for one file. Opened in {@code tree}: a
     * file or directory swapped for a link, a FIFO or a device since the scan is refused, not followed or opened.
     */
    static byte[] read(FileReadAhead where, ScannedGoldenFile file, long limit) throws IOException {
        long expected = file.size();
        try (SeekableByteChannel channel = where.open(file)) {
            InputStream in = Channels.newInputStream(channel);
            if (expected >= Integer.MAX_VALUE - 16) {
                return in.readAllBytes();
            }
            byte[] buffer = new byte[(int) expected + 1];
            int n = 0;
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buffer, n); // shrank since the scan
                }
                n += r;
                if (n == expected) {
                    // A regular file returns short only at its end: done, without another read.
                    return Arrays.copyOf(buffer, n);
                }
            }
            // It grew since the scan: take all of it, up to the limit.
            long room = Math.min(Integer.MAX_VALUE - 17L - n, Math.max(0, limit - n)) + 1; // no overflow
            byte[] rest = in.readNBytes((int) room);
            if (n + (long) rest.length > limit) {
                return null;
            }
            byte[] all = Arrays.copyOf(buffer, n + rest.length);
            System.arraycopy(rest, 0, all, n, rest.length);
            return all;
        }
    }

    /** The next file, or null after the last. */
    Loaded next() throws IOException {
        if (inBatch == batch.length) {
            Pending pending = ahead.poll();
            if (pending == null) {
                return null;
            }
            bytesAhead -= pending.bytes();
            try {
                batch = pending.batch().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading files to archive");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                Throwables.throwIfInstanceOf(cause, IOException.class);
                Throwables.throwIfUnchecked(cause);
                throw new IOException(cause);
            }
            inBatch = 0;
            fillWindow();
        }
        Loaded next = batch[inBatch];
        batch[inBatch++] = null;
        return next;
    }

    @Override
    public void close() {
        ahead.forEach(p -> p.batch().cancel(true));
        readers.shutdownNow();
        for (NoFollowTree tree : trees.values()) {
            try {
                tree.close();
            } catch (IOException e) {
                // directories opened for reading only: nothing is lost if one fails to close
            }
        }
    }
}
