package io.aos.ops.monitor.log;

import static com.google.common.base.Preconditions.checkArgument;

import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a file, read backwards from its end, so a large log costs only its tail. */
public final class LastLines {

    private static final int BLOCK = 8192;

    private LastLines() {
    }

    /**
     * Up to {@code n} last lines of {@code file}, oldest first, without line terminators; empty when the file does not
     * exist, a {@link io.aos.ops.core.io.NotRegularFileException} (never opened) when it is a FIFO or other special
     * file. {@code stripColour} removes ANSI colour codes (upstream writes them into its logs).
     */
    public static List<String> of(Path file, int n, boolean stripColour) throws IOException {
        checkArgument(n >= 0, "n must not be negative, got %s", n);
        if (n == 0) {
            return List.of();
        }
        byte[] tail;
        try (FileChannel channel = RegularFile.openChannel(file)) {
            long end = channel.size();
            long start = end;
            int newlines = 0;
            byte[] data = new byte[0];
            while (start > 0 && newlines <= n) {
                int len = (int) Math.min(BLOCK, start);
                start -= len;
                ByteBuffer block = ByteBuffer.allocate(len);
                while (block.hasRemaining() && channel.read(block, start + block.position()) > 0) {
                    // read until the block is full
                }
                byte[] joined = new byte[len + data.length];
                System.arraycopy(block.array(), 0, joined, 0, len);
                System.arraycopy(data, 0, joined, len, data.length);
                data = joined;
                newlines = 0;
                for (byte b : data) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
            }
            tail = data;
        } catch (NoSuchFileException e) {
            return List.of();
        }
        String text = new String(tail, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - n), lines.size());
        if (!stripColour) {
            return List.copyOf(last);
        }
        return last.stream().map(LogLine::stripColour).toList();
    }
}
