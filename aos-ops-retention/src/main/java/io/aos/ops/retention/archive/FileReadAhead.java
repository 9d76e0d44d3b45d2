package io.aos.ops.retention.archive;

import io.aos.ops.retention.scan.GoldenFile;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the files to pack on a background thread, in order, a bounded number ahead of the packer: with sub-KB
 * files the open/read/close system calls cost more than the tar formatting, so overlapping them with it (and with
 * compression on a third thread) is what lets the packer keep up with {@code tar czf}.
 */
final class FileReadAhead implements AutoCloseable {

    /** A file and its bytes; {@code data} is null when the file vanished since the scan. */
    record Loaded(GoldenFile file, byte[] data) {
    }

    private static final Loaded END = new Loaded(null, null);

    private final BlockingQueue<Loaded> queue = new ArrayBlockingQueue<>(2048);
    private final Thread reader;
    private volatile IOException failure;
    private volatile boolean stopped;

    FileReadAhead(List<GoldenFile> files) {
        reader = new Thread(() -> readAll(files), "aos-retention-read");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(List<GoldenFile> files) {
        try {
            for (GoldenFile file : files) {
                if (stopped) {
                    return;
                }
                byte[] data;
                try {
                    data = read(file);
                } catch (NoSuchFileException gone) {
                    data = null;
                }
                queue.put(new Loaded(file, data));
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return;
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            // closing
        }
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
        try {
            Loaded next = queue.take();
            if (next == END) {
                IOException e = failure;
                if (e != null) {
                    throw e;
                }
                return null;
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading files to archive");
        }
    }

    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
    }
}
