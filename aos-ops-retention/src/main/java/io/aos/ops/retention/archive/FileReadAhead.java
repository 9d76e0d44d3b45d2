package io.aos.ops.retention.archive;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.retention.scan.GoldenFile;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the files to pack on background threads, a bounded number ahead of the packer, and hands them over in
 * order: with sub-KB files the open/read/close system calls cost more than the tar formatting, so overlapping them
 * with it (and with compression on another thread) is what lets the packer keep up with {@code tar czf}. Several
 * readers, in batches of consecutive files, because on a virtualised disk an open or read partly waits on the
 * host: packing 100,000 corpus files with zstd took 1.24-1.39 s with one reader thread, 1.15-1.19 s with four
 * (same machine, back to back); with gzip the compressor is the bottleneck either way.
 */
final class FileReadAhead implements AutoCloseable {

    /** A file and its bytes; {@code data} is null when the file vanished since the scan. */
    record Loaded(GoldenFile file, byte[] data) {
    }

    static final int READERS = 4;
    private static final int BATCH = 64;
    /** Batches in flight: at most this many x {@link #BATCH} files are held in memory ahead of the packer. */
    private static final int WINDOW = 32;

    private final List<GoldenFile> files;
    private final ExecutorService readers;
    private final ArrayDeque<Future<Loaded[]>> ahead = new ArrayDeque<>();
    private int submitted;
    private Loaded[] batch = new Loaded[0];
    private int inBatch;

    FileReadAhead(List<GoldenFile> files) {
        this.files = files;
        this.readers = Executors.newFixedThreadPool(READERS,
                new ThreadFactoryBuilder().setNameFormat("aos-retention-read-%d").setDaemon(true).build());
        while (ahead.size() < WINDOW && submitNext()) {
            // fill the window
        }
    }

    private boolean submitNext() {
        int from = submitted;
        if (from >= files.size()) {
            return false;
        }
        int to = Math.min(files.size(), from + BATCH);
        submitted = to;
        ahead.add(readers.submit(() -> readBatch(files.subList(from, to))));
        return true;
    }

    private static Loaded[] readBatch(List<GoldenFile> batch) throws IOException {
        Loaded[] loaded = new Loaded[batch.size()];
        for (int i = 0; i < loaded.length; i++) {
            GoldenFile file = batch.get(i);
            byte[] data;
            try {
                data = read(file);
            } catch (NoSuchFileException gone) {
                data = null;
            }
            loaded[i] = new Loaded(file, data);
        }
        return loaded;
    }

    /**
     * Reads a file whose size the scan already knows with one read call (open, read, close), instead of
     * {@code Files.readAllBytes}'s extra fstat and end-of-file read: with 400-byte files the system calls are the cost.
     * A file that grew since the scan is read to its end.
     */
    static byte[] read(GoldenFile file) throws IOException {
        long expected = file.size();
        if (expected >= Integer.MAX_VALUE - 16) {
            return Files.readAllBytes(file.path());
        }
        try (FileInputStream in = new FileInputStream(file.path().toFile())) {
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
            // It grew since the scan: take all of it.
            byte[] rest = in.readAllBytes();
            byte[] all = Arrays.copyOf(buffer, n + rest.length);
            System.arraycopy(rest, 0, all, n, rest.length);
            return all;
        } catch (java.io.FileNotFoundException e) {
            if (!Files.exists(file.path())) {
                throw new NoSuchFileException(file.path().toString());
            }
            throw e;
        }
    }

    /** The next file, or null after the last. */
    Loaded next() throws IOException {
        if (inBatch == batch.length) {
            Future<Loaded[]> future = ahead.poll();
            if (future == null) {
                return null;
            }
            try {
                batch = future.get();
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
            submitNext();
            if (batch.length == 0) {
                return null;
            }
        }
        Loaded next = batch[inBatch];
        batch[inBatch++] = null;
        return next;
    }

    @Override
    public void close() {
        ahead.forEach(f -> f.cancel(true));
        readers.shutdownNow();
    }
}
