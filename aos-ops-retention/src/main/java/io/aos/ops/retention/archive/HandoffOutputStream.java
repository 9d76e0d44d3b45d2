package io.aos.ops.retention.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands the bytes written to it, in 1 MiB chunks, to a second thread that writes them to {@code sink}: reading
 * files and building the tar stream runs on the caller's thread while compression runs on the other, which is what
 * lets a Java archiver keep up with {@code tar czf}. A failure of the sink (disk full) surfaces on the caller's next
 * write or on close; the caller never waits forever on a dead compressor.
 */
final class HandoffOutputStream extends OutputStream {

    private static final int CHUNK = 1 << 20;

    private record Chunk(byte[] data, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(6);
    private final Thread worker;
    private volatile Throwable failure;
    private byte[] current = new byte[CHUNK];
    private int used;
    private boolean closed;

    HandoffOutputStream(OutputStream sink) {
        worker = new Thread(() -> drain(sink), "aos-retention-compress");
        worker.setDaemon(true);
        worker.start();
    }

    private void drain(OutputStream sink) {
        try {
            while (true) {
                Chunk chunk = full.take();
                if (chunk == END) {
                    sink.close();
                    return;
                }
                sink.write(chunk.data(), 0, chunk.length());
                free.offer(chunk.data());
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) {
            handOff();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == CHUNK) {
                handOff();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void handOff() throws IOException {
        enqueue(new Chunk(current, used));
        byte[] next = free.poll();
        current = next != null ? next : new byte[CHUNK];
        used = 0;
    }

    private void enqueue(Chunk chunk) throws IOException {
        try {
            while (!full.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkWorker();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data to the compressor");
        }
        checkWorker();
    }

    private void checkWorker() throws IOException {
        Throwable t = failure;
        if (t != null) {
            // A new exception each time: the same one thrown by write and again by close would suppress itself.
            throw new IOException("compressing failed: " + t.getMessage(), t);
        }
    }

    /** Hands over what is left, waits until the compressor has written and closed its sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (used > 0) {
            handOff();
        }
        enqueue(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the compressor");
        }
        checkWorker();
    }
}
