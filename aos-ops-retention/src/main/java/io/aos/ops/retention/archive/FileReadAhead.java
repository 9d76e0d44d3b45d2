package io.aos.ops.retention.archive;

import io.aos.ops.retention.scan.GoldenFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
                    data = Files.readAllBytes(file.path());
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
